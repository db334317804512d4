package io.edakit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The workflow bench's last line from given runs (no bench is run: its timers part alone takes
 * 10,000 one-second executions): the fields of issue 13 first, then the stability fields the
 * broker scenarios end with, computed the same way.
 */
class WorkflowResultLineTest {

    @Test
    void runsThatDisagreeByMoreThanAFifthAreUnstable() {
        String line = ResultLine.workflow("h2", List.of(run(1_000, 500), run(1_300, 520), run(1_250, 510)));

        assertThat(line).startsWith("RESULT workflow h2 executions_per_s=1250 task_transitions_per_s=3750 "
                + "transitions_per_s=15000 commits_per_execution=0.30 timer_lag_p99_ms=120 ");
        assertThat(line).contains(" cpu_us_per_execution=510").endsWith(" spread=0.240 cpu_spread=0.039 unstable=true");
    }

    @Test
    void oneRunIsJudgedByTheSpreadOfItsSlicesAndItsCpuSpreadIsUnknown() {
        WorkflowScenario.Run steady = new WorkflowScenario.Run(1_000, 9_000, 0.3, 16, 2_500, 120, 500,
                List.of(1_000.0, 1_050.0, 980.0, 1_020.0));

        assertThat(ResultLine.workflow("h2", List.of(steady))).endsWith(" spread=0.069 cpu_spread=0.000 unstable=false");
    }

    private static WorkflowScenario.Run run(double rate, double cpuMicros) {
        return new WorkflowScenario.Run(rate, 9_000, 0.3, 16, 2_500, 120, cpuMicros, List.of(rate, rate));
    }
}
