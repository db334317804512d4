package io.edakit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Runs each Artemis benchmark scenario with a few hundred messages: the command ends with one
 * well-formed RESULT line and every message was handled (or request answered) exactly once on
 * both sides. No timing is asserted: this machine's numbers belong in reports, not in tests.
 */
class BenchCommandSmokeTest {

    private static final String NUMBER = "\\d+(\\.\\d+)?";
    /** The cost and stability fields every broker scenario ends with. */
    private static final String COSTS = " template_cpu_us=" + NUMBER + " baseline_cpu_us=" + NUMBER + " cpu_ratio="
            + NUMBER;
    private static final String STABILITY = " spread=" + NUMBER + " cpu_spread=" + NUMBER + " unstable=(true|false)";
    private static final String CAMEL = " camel=" + NUMBER + " camel_ratio=" + NUMBER + " camel_cpu_us=" + NUMBER
            + " camel_cpu_ratio=" + NUMBER + " camel_spread=" + NUMBER;
    /** A tiny run: two rounds of warm-up at most, slices of exactly N / slices. */
    private static final String[] TINY = {"--warmup-rounds", "2", "--slice-seconds", "0"};

    @Test
    void pointToPointOnArtemisCountsEveryMessageOnAllThreeSidesAndEndsWithOneResultLine() {
        List<String> lines = bench("point-to-point", "--messages", "400", "--warmup", "100", "--slices", "2");

        assertThat(lines.get(lines.size() - 1)).matches("RESULT point-to-point artemis template=" + NUMBER
                + " baseline=" + NUMBER + " ratio=" + NUMBER + COSTS + CAMEL + STABILITY);
        assertThat(lines.stream().filter(line -> line.startsWith("RESULT"))).hasSize(1);
        assertThat(counts(lines, "(\\d+) handled")).containsExactly(400L, 400L, 400L);
        assertSane(lines.get(lines.size() - 1), "template_cpu_us", "baseline_cpu_us", "camel_cpu_us", "camel");
        assertThat(lines).anyMatch(line -> line.matches("run 1 warm-up 1 \\(100 each\\): template .* baseline .* camel .*"));
        assertThat(lines).anyMatch(line -> line.matches("  slice rates: template:( \\d+){2}; baseline:( \\d+){2}; "
                + "camel:( \\d+){2}"));
    }

    @Test
    void pointToPointOnKafkaCountsEveryMessageOnAllThreeSidesAndEndsWithOneResultLine() {
        List<String> lines = bench("point-to-point", "--transport", "kafka", "--messages", "400", "--warmup", "100",
                "--slices", "2");

        assertThat(lines.get(lines.size() - 1)).matches("RESULT point-to-point kafka template=" + NUMBER
                + " baseline=" + NUMBER + " ratio=" + NUMBER + COSTS + CAMEL + STABILITY);
        assertThat(counts(lines, "(\\d+) handled")).containsExactly(400L, 400L, 400L);
        assertSane(lines.get(lines.size() - 1), "template_cpu_us", "baseline_cpu_us", "camel_cpu_us", "camel");
    }

    @Test
    void twoRunsReportTheSpreadOfTheirRatiosAndStartWithAnotherSide() {
        List<String> lines = bench("point-to-point", "--messages", "200", "--warmup", "100", "--slices", "1",
                "--runs", "2", "--no-camel");

        String result = lines.get(lines.size() - 1);
        assertThat(result).matches("RESULT point-to-point artemis template=" + NUMBER + " baseline=" + NUMBER
                + " ratio=" + NUMBER + COSTS + STABILITY);
        assertThat(lines).anyMatch(line -> line.startsWith("run 1/2 (template first"));
        assertThat(lines).anyMatch(line -> line.startsWith("run 2/2 (baseline first"));
        // unstable exactly when the two runs' ratios (or CPU ratios) are more than 20 % apart
        boolean apart = field(result, "spread") > 0.2 || field(result, "cpu_spread") > 0.2;
        assertThat(result).endsWith("unstable=" + apart);
    }

    @Test
    void progressGoesToStderrLinePerStepAndStdoutKeepsTheReport() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("point-to-point", "--messages", "200", "--warmup", "100", "--slices", "1", "--runs", "2",
                        "--no-camel", "--warmup-rounds", "2", "--slice-seconds", "0");

        assertThat(exit).as(err.toString()).isZero();
        List<String> progress = err.toString().lines().toList();
        // not a terminal here: a line per step, none for the clock alone
        assertThat(progress).allMatch(line -> line.matches("bench \\[[#-]{24}] +\\d+% run [12]/2 .*, \\d+:\\d\\d elapsed"));
        assertThat(progress).anyMatch(line -> line.contains("run 1/2 warm-up round 1 (at most 2)"))
                .anyMatch(line -> line.matches("bench \\[#{12}-{12}]  50% run 2/2 measured slice 1/2, .*"))
                .anyMatch(line -> line.matches("bench \\[#{24}] 100% run 2/2 measured slice 2/2, .*"));
        assertThat(out.toString()).doesNotContain("bench [");
        List<String> report = out.toString().lines().toList();
        assertThat(report.get(report.size() - 1)).startsWith("RESULT point-to-point artemis template=");
    }

    @Test
    void eventBusOnArtemisFansEveryMessageOutAndEndsWithOneResultLine() {
        List<String> lines = bench("event-bus", "--messages", "300", "--warmup", "100", "--slices", "2");

        assertThat(lines.get(lines.size() - 1)).matches("RESULT event-bus artemis template=" + NUMBER
                + " baseline=" + NUMBER + " ratio=" + NUMBER + COSTS + STABILITY);
        assertThat(counts(lines, "(\\d+) handled")).containsExactly(300L, 300L);
    }

    @Test
    void idempotentConsumerOnArtemisHandlesEveryNewMessageAndReportsTheHeapOfAMillionKeys() {
        List<String> lines = bench("idempotent-consumer", "--messages", "300", "--warmup", "100", "--slices", "2");

        assertThat(lines.get(lines.size() - 1)).matches("RESULT idempotent-consumer artemis template=" + NUMBER
                + " baseline=" + NUMBER + " ratio=" + NUMBER + COSTS + STABILITY + " store=memory heap_1m_keys_mb="
                + NUMBER);
        assertThat(counts(lines, "(\\d+) handled")).containsExactly(300L, 300L);
    }

    @Test
    void sagaRunsEverySagaToCompletionAndReportsTheShareOfTheLog() {
        List<String> lines = bench("saga", "--messages", "200", "--warmup", "20", "--consumers", "4");

        assertThat(lines.get(lines.size() - 1)).matches(sagaResult("h2"));
        assertThat(counts(lines, "(\\d+) sagas completed")).containsExactly(200L);
        assertThat(counts(lines, "(\\d+) call sequences")).containsExactly(200L);
        assertThat(lines).anyMatch(line -> line.matches("run 1 log: +6\\.0 writes per saga.*mean batch.*"));
        assertThat(lines).anyMatch(line -> line.matches("run 1 raw JDBC: .* rows/s at 1 row per commit, .* rows/s at 50 "
                + "rows per commit.*"));
    }

    @Test
    void sagaOnAnEmbeddedPostgresStartsItAndMeasuresTheRawJdbcBaselinesThere() {
        List<String> lines = bench("saga", "--messages", "100", "--warmup", "10", "--consumers", "4", "--store",
                "postgres");

        assertThat(lines).anyMatch(line -> line.contains("saga log on embedded PostgreSQL"));
        assertThat(lines.get(lines.size() - 1)).matches(sagaResult("postgres"));
        assertThat(counts(lines, "(\\d+) sagas completed")).containsExactly(100L);
    }

    @Test
    void idempotentConsumerWithTheJdbcStoreReportsItsBatchesAndTheRawJdbcBaselines() {
        List<String> lines = bench("idempotent-consumer", "--store", "jdbc", "--consumers", "4", "--messages", "300",
                "--warmup", "100", "--slices", "2");

        assertThat(lines.get(lines.size() - 1)).matches("RESULT idempotent-consumer artemis template=" + NUMBER
                + " baseline=" + NUMBER + " ratio=" + NUMBER + COSTS + STABILITY + " jdbc_1_per_commit=" + NUMBER
                + " jdbc_batched=" + NUMBER
                + " store=h2 heap_1m_keys_mb=" + NUMBER);
        assertThat(counts(lines, "(\\d+) handled")).containsExactly(300L, 300L);
        // claim and confirm of the warm-up (a round of 100, then one of a slice's 150) and 300 measured messages
        assertThat(counts(lines, "store: (\\d+) writes")).containsExactly(2L * (100 + 150 + 300));
    }

    @Test
    void aStoreTheTemplateDoesNotHaveIsRefused() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BenchCommand()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("saga", "--store", "memory");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--store must be one of [h2, postgres] for saga, was 'memory'");
    }

    private static String sagaResult(String store) {
        return "RESULT saga engine template=" + NUMBER + " baseline=" + NUMBER + " ratio=" + NUMBER + " log_share="
                + NUMBER + " participants_share=" + NUMBER + " p50_ms=" + NUMBER + " p99_ms=" + NUMBER + " store=" + store
                + " log_writes=" + NUMBER + " mean_batch=" + NUMBER + " jdbc_1_per_commit=" + NUMBER + " jdbc_batched="
                + NUMBER + " cpu_us_per_saga=" + NUMBER;
    }

    @Test
    void requestReplyOnArtemisAnswersEveryRequestAndEndsWithOneResultLine() {
        List<String> lines = bench("request-reply", "--messages", "300", "--warmup", "50", "--callers", "2",
                "--slices", "2");

        assertThat(lines.get(lines.size() - 1)).matches("RESULT request-reply artemis template=" + NUMBER
                + " baseline=" + NUMBER + " ratio=" + NUMBER + " template_p50_ms=" + NUMBER + " template_p99_ms="
                + NUMBER + " baseline_p50_ms=" + NUMBER + " baseline_p99_ms=" + NUMBER + " p50_ratio=" + NUMBER
                + " camel_p50_ms=" + NUMBER + " camel_p99_ms=" + NUMBER + COSTS + CAMEL + STABILITY);
        assertThat(lines.stream().filter(line -> line.startsWith("RESULT"))).hasSize(1);
        assertThat(counts(lines, "(\\d+) answered")).containsExactly(300L, 300L, 300L);
        assertSane(lines.get(lines.size() - 1), "template_cpu_us", "baseline_cpu_us", "camel_cpu_us", "camel");
    }

    @Test
    void requestReplyOnKafkaHasNoCamelSideButItsCosts() {
        List<String> lines = bench("request-reply", "--transport", "kafka", "--messages", "100", "--warmup", "20",
                "--slices", "2");

        assertThat(lines.get(lines.size() - 1)).matches("RESULT request-reply kafka template=" + NUMBER
                + " baseline=" + NUMBER + " ratio=" + NUMBER + " template_p50_ms=" + NUMBER + " template_p99_ms="
                + NUMBER + " baseline_p50_ms=" + NUMBER + " baseline_p99_ms=" + NUMBER + " p50_ratio=" + NUMBER
                + COSTS + STABILITY);
        assertThat(counts(lines, "(\\d+) answered")).containsExactly(100L, 100L);
        assertSane(lines.get(lines.size() - 1), "template_cpu_us", "baseline_cpu_us");
    }

    /** Each field a positive, finite number: CPU was measured, messages were counted. */
    private static void assertSane(String result, String... fields) {
        for (String name : fields) {
            assertThat(field(result, name)).as(name + " in " + result).isPositive().isFinite();
        }
    }

    private static double field(String result, String name) {
        Matcher matcher = Pattern.compile(" " + name + "=(" + NUMBER + ")").matcher(result);
        assertThat(matcher.find()).as(name + " in " + result).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static List<String> bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(TINY))
                .toArray(String[]::new);
        int exit = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(all);
        assertThat(exit).as("exit code; stderr: %s; stdout: %s", err, out).isZero();
        return out.toString().lines().toList();
    }

    private static List<Long> counts(List<String> lines, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return lines.stream().filter(line -> line.startsWith("run ")).flatMap(line -> {
            Matcher matcher = pattern.matcher(line);
            java.util.List<Long> found = new java.util.ArrayList<>();
            while (matcher.find()) {
                found.add(Long.parseLong(matcher.group(1)));
            }
            return found.stream();
        }).toList();
    }
}
