package io.edakit.app.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.edakit.workflow.durable.WorkflowObserver;
import io.edakit.workflow.durable.WorkflowStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The workflow runner's meters, counted by this instance (sum them over instances):
 * <ul>
 *   <li>{@value #TRANSITIONS}: states entered (Task, Pass, Choice, ... each counts one);</li>
 *   <li>{@value #EXECUTIONS}{@code {outcome}}: executions this instance ended, per outcome
 *       ({@code succeeded}, {@code failed}, {@code timed-out}, {@code aborted}, and {@code parked}
 *       for those parked after too many faults), every outcome at 0 from the start;</li>
 *   <li>{@value #TIMER_LAG}: how late each timer (Wait, retry backoff, timeout) was handled after it
 *       was due, as histogram buckets (no client-side quantiles).</li>
 * </ul>
 * Executions per status in the store, which instances share, are the gauge
 * {@value OperationalGauges#WORKFLOWS}.
 */
final class WorkflowMeters implements WorkflowObserver {

    static final String TRANSITIONS = "edakit.workflow.transitions";
    static final String EXECUTIONS = "edakit.workflow.executions";
    static final String TIMER_LAG = "edakit.workflow.timer.lag";

    private final Counter transitions;
    private final Map<WorkflowStatus, Counter> outcomes = new EnumMap<>(WorkflowStatus.class);
    private final Timer timerLag;

    WorkflowMeters(MeterRegistry registry) {
        transitions = Counter.builder(TRANSITIONS).description("States entered by the workflow executions of this "
                + "instance").register(registry);
        for (WorkflowStatus status : WorkflowStatus.values()) {
            if (status != WorkflowStatus.RUNNING) {
                outcomes.put(status, Counter.builder(EXECUTIONS).tag("outcome", status.label())
                        .description("Workflow executions this instance ended, per outcome").register(registry));
            }
        }
        timerLag = Timer.builder(TIMER_LAG).description("How late workflow timers were handled after they were due")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1)).register(registry);
    }

    @Override
    public void transitions(int states) {
        transitions.increment(states);
    }

    @Override
    public void ended(WorkflowStatus status) {
        Counter counter = outcomes.get(status);
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void timerFired(long lagMillis) {
        timerLag.record(Math.max(0, lagMillis), TimeUnit.MILLISECONDS);
    }

    @Override
    public void parked() {
        outcomes.get(WorkflowStatus.PARKED).increment();
    }
}
