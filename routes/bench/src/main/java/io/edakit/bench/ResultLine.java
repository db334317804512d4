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
                Stats.median(runs.stream().map(PointToPointScenario.Run::ratio).toList()));
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
                baselineP50, baselineP99, Stats.median(runs.stream().map(RequestReplyScenario.Run::p50Ratio).toList()));
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

    /** The raw JDBC rates of the runs, as fields to append to a RESULT line. */
    static String jdbc(List<JdbcBaseline.Rates> runs) {
        return String.format(Locale.ROOT, " jdbc_1_per_commit=%.0f jdbc_batched=%.0f",
                Stats.median(runs.stream().map(JdbcBaseline.Rates::onePerCommit).toList()),
                Stats.median(runs.stream().map(JdbcBaseline.Rates::batched).toList()));
    }
}
