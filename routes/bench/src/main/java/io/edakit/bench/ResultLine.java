package io.edakit.bench;

import java.util.List;
import java.util.Locale;

/**
 * The one machine-readable line a benchmark ends with: medians over the runs. The ratios are the
 * medians of the per-run ratios: within a run both sides share the broker and the machine's load
 * from elsewhere, so a run's ratio is a paired measurement, steadier than a ratio of two medians
 * that may come from different runs.
 */
final class ResultLine {

    private ResultLine() {
    }

    static String pointToPoint(String template, String transport, List<PointToPointScenario.Run> runs) {
        double templateRate = Stats.median(runs.stream().map(run -> run.template().rate()).toList());
        double baseline = Stats.median(runs.stream().map(run -> run.baseline().rate()).toList());
        return String.format(Locale.ROOT, "RESULT %s %s template=%.0f baseline=%.0f ratio=%.3f",
                template, transport, templateRate, baseline,
                Stats.median(runs.stream().map(PointToPointScenario.Run::ratio).toList()))
                + costs(runs.stream().map(PointToPointScenario.Run::comparison).toList());
    }

    /**
     * The fields every broker scenario adds after its own: CPU per message of each side and the
     * template's over the other sides' ({@code cpu_ratio}, lower is better), the plain Camel side
     * where there is one ({@code camel=} msg/s, {@code camel_ratio}, {@code camel_cpu_ratio}), and how
     * far the runs disagree: {@code spread} is (largest - smallest) / median of the per-run ratios
     * (of the per-round slice ratios when there is one run), and {@code unstable=true} when a ratio's
     * spread exceeds 20 %: then the medians are no finding.
     */
    static String costs(List<Comparison> runs) {
        List<Double> cpuRatios = runs.stream().map(Comparison::cpuRatio).toList();
        double spread = spread(runs.stream().map(Comparison::ratio).toList(), runs.get(0).sliceRatios());
        double cpuSpread = cpuSpread(cpuRatios);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                " template_cpu_us=%.1f baseline_cpu_us=%.1f cpu_ratio=%.3f",
                Stats.median(runs.stream().map(run -> run.template().cpuMicrosPerMessage()).toList()),
                Stats.median(runs.stream().map(run -> run.baseline().cpuMicrosPerMessage()).toList()),
                Stats.median(cpuRatios)));
        boolean camelUnstable = false;
        if (runs.stream().allMatch(run -> run.camel() != null)) {
            List<Double> camelRatios = runs.stream().map(Comparison::camelRatio).toList();
            List<Double> camelCpuRatios = runs.stream().map(Comparison::camelCpuRatio).toList();
            double camelSpread = spread(camelRatios, runs.get(0).camelSliceRatios());
            camelUnstable = camelSpread > Stats.UNSTABLE_SPREAD || cpuSpread(camelCpuRatios) > Stats.UNSTABLE_SPREAD;
            line.append(String.format(Locale.ROOT, " camel=%.0f camel_ratio=%.3f camel_cpu_us=%.1f camel_cpu_ratio=%.3f"
                            + " camel_spread=%.3f",
                    Stats.median(runs.stream().map(run -> run.camel().rate()).toList()), Stats.median(camelRatios),
                    Stats.median(runs.stream().map(run -> run.camel().cpuMicrosPerMessage()).toList()),
                    Stats.median(camelCpuRatios), camelSpread));
        }
        return line.append(stability(spread, cpuSpread, camelUnstable)).toString();
    }

    /** How far the runs' figures disagree: of {@code perRun}, or with one run of its {@code oneRunSlices}. */
    static double spread(List<Double> perRun, List<Double> oneRunSlices) {
        return Stats.spread(perRun.size() > 1 ? perRun : oneRunSlices);
    }

    /** How far the runs' CPU figures disagree; one run has one CPU figure per side: its spread is unknown, not zero. */
    static double cpuSpread(List<Double> perRun) {
        return perRun.size() > 1 ? Stats.spread(perRun) : 0;
    }

    /** {@code spread= cpu_spread= unstable=}: unstable when either spread exceeds 20 % (or {@code unstable} already). */
    static String stability(double spread, double cpuSpread, boolean unstable) {
        return String.format(Locale.ROOT, " spread=%.3f cpu_spread=%.3f unstable=%s", spread, cpuSpread,
                unstable || spread > Stats.UNSTABLE_SPREAD || cpuSpread > Stats.UNSTABLE_SPREAD);
    }

    /** {@code name: 21000 20500 ... msg/s} for each side, in the order given. */
    static String sliceRates(List<String> names, java.util.function.Function<String, List<Double>> rates) {
        StringBuilder line = new StringBuilder();
        for (String name : names) {
            line.append(line.length() == 0 ? "" : "; ").append(name).append(':');
            rates.apply(name).forEach(rate -> line.append(String.format(Locale.ROOT, " %.0f", rate)));
        }
        return line.toString();
    }

    static String requestReply(String transport, List<RequestReplyScenario.Run> runs) {
        double template = Stats.median(runs.stream().map(run -> run.template().rate()).toList());
        double baseline = Stats.median(runs.stream().map(run -> run.baseline().rate()).toList());
        double templateP50 = Stats.median(runs.stream().map(run -> run.template().p50Millis()).toList());
        double templateP99 = Stats.median(runs.stream().map(run -> run.template().p99Millis()).toList());
        double baselineP50 = Stats.median(runs.stream().map(run -> run.baseline().p50Millis()).toList());
        double baselineP99 = Stats.median(runs.stream().map(run -> run.baseline().p99Millis()).toList());
        return String.format(Locale.ROOT, "RESULT %s %s template=%.0f baseline=%.0f ratio=%.3f template_p50_ms=%.3f "
                        + "template_p99_ms=%.3f baseline_p50_ms=%.3f baseline_p99_ms=%.3f p50_ratio=%.3f",
                BenchOptions.REQUEST_REPLY, transport, template, baseline,
                Stats.median(runs.stream().map(RequestReplyScenario.Run::ratio).toList()), templateP50, templateP99,
                baselineP50, baselineP99, Stats.median(runs.stream().map(RequestReplyScenario.Run::p50Ratio).toList()))
                + camelLatencies(runs) + costs(runs.stream().map(RequestReplyScenario.Run::comparison).toList());
    }

    private static String camelLatencies(List<RequestReplyScenario.Run> runs) {
        if (!runs.stream().allMatch(run -> run.camel() != null)) {
            return "";
        }
        return String.format(Locale.ROOT, " camel_p50_ms=%.3f camel_p99_ms=%.3f",
                Stats.median(runs.stream().map(run -> run.camel().p50Millis()).toList()),
                Stats.median(runs.stream().map(run -> run.camel().p99Millis()).toList()));
    }

    static String saga(String store, List<SagaScenario.Run> runs) {
        return String.format(Locale.ROOT, "RESULT saga engine template=%.0f baseline=%.0f ratio=%.3f log_share=%.3f "
                        + "participants_share=%.3f p50_ms=%.3f p99_ms=%.3f store=%s log_writes=%.0f mean_batch=%.1f "
                        + "jdbc_1_per_commit=%.0f jdbc_batched=%.0f cpu_us_per_saga=%.0f",
                Stats.median(runs.stream().map(SagaScenario.Run::sagaRate).toList()),
                Stats.median(runs.stream().map(SagaScenario.Run::baselineRate).toList()),
                Stats.median(runs.stream().map(SagaScenario.Run::ratio).toList()),
                Stats.median(runs.stream().map(SagaScenario.Run::logShare).toList()),
                1 - Stats.median(runs.stream().map(SagaScenario.Run::logShare).toList()),
                Stats.median(runs.stream().map(SagaScenario.Run::p50Millis).toList()),
                Stats.median(runs.stream().map(SagaScenario.Run::p99Millis).toList()), store,
                Stats.median(runs.stream().map(SagaScenario.Run::logWriteRate).toList()),
                Stats.median(runs.stream().map(SagaScenario.Run::meanBatch).toList()),
                Stats.median(runs.stream().map(run -> run.jdbc().onePerCommit()).toList()),
                Stats.median(runs.stream().map(run -> run.jdbc().batched()).toList()),
                Stats.median(runs.stream().map(SagaScenario.Run::cpuMicrosPerSaga).toList()));
    }

    /**
     * The fields of issue 13, then the baseline's and the store's figures, the CPU per execution and
     * the stability fields: {@code spread} of the runs' executions/s (of the slices' with one run),
     * {@code cpu_spread} of their CPU per execution.
     */
    static String workflow(String store, List<WorkflowScenario.Run> runs) {
        List<Double> cpu = runs.stream().map(WorkflowScenario.Run::cpuMicrosPerExecution).toList();
        return String.format(Locale.ROOT, "RESULT workflow %s executions_per_s=%.0f task_transitions_per_s=%.0f "
                        + "transitions_per_s=%.0f commits_per_execution=%.2f timer_lag_p99_ms=%.0f baseline_per_s=%.0f "
                        + "mean_batch=%.1f jdbc_1_per_commit=%.0f cpu_us_per_execution=%.0f", store,
                Stats.median(runs.stream().map(WorkflowScenario.Run::executionRate).toList()),
                Stats.median(runs.stream().map(WorkflowScenario.Run::taskTransitionRate).toList()),
                Stats.median(runs.stream().map(WorkflowScenario.Run::transitionRate).toList()),
                Stats.median(runs.stream().map(WorkflowScenario.Run::commitsPerExecution).toList()),
                Stats.median(runs.stream().map(WorkflowScenario.Run::timerLagP99Millis).toList()),
                Stats.median(runs.stream().map(WorkflowScenario.Run::baselineRate).toList()),
                Stats.median(runs.stream().map(WorkflowScenario.Run::meanBatch).toList()),
                Stats.median(runs.stream().map(WorkflowScenario.Run::onePerCommit).toList()), Stats.median(cpu))
                + stability(spread(runs.stream().map(WorkflowScenario.Run::executionRate).toList(),
                runs.get(0).sliceRates()), cpuSpread(cpu), false);
    }

    /** The raw JDBC rates of the runs, as fields to append to a RESULT line. */
    static String jdbc(List<JdbcBaseline.Rates> runs) {
        return String.format(Locale.ROOT, " jdbc_1_per_commit=%.0f jdbc_batched=%.0f",
                Stats.median(runs.stream().map(JdbcBaseline.Rates::onePerCommit).toList()),
                Stats.median(runs.stream().map(JdbcBaseline.Rates::batched).toList()));
    }
}
