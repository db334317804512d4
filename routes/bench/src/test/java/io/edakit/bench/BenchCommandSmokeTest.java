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

    @Test
    void pointToPointOnArtemisCountsEveryMessageAndEndsWithOneResultLine() {
        List<String> lines = bench("point-to-point", "--messages", "400", "--warmup", "100", "--slices", "2");

        assertThat(lines.get(lines.size() - 1)).matches("RESULT point-to-point artemis template=" + NUMBER
                + " baseline=" + NUMBER + " ratio=" + NUMBER);
        assertThat(lines.stream().filter(line -> line.startsWith("RESULT"))).hasSize(1);
        assertThat(counts(lines, "(\\d+) handled")).containsExactly(400L, 400L);
    }

    @Test
    void eventBusOnArtemisFansEveryMessageOutAndEndsWithOneResultLine() {
        List<String> lines = bench("event-bus", "--messages", "300", "--warmup", "100", "--slices", "2");

        assertThat(lines.get(lines.size() - 1)).matches("RESULT event-bus artemis template=" + NUMBER
                + " baseline=" + NUMBER + " ratio=" + NUMBER);
        assertThat(counts(lines, "(\\d+) handled")).containsExactly(300L, 300L);
    }

    @Test
    void idempotentConsumerOnArtemisHandlesEveryNewMessageAndReportsTheHeapOfAMillionKeys() {
        List<String> lines = bench("idempotent-consumer", "--messages", "300", "--warmup", "100", "--slices", "2");

        assertThat(lines.get(lines.size() - 1)).matches("RESULT idempotent-consumer artemis template=" + NUMBER
                + " baseline=" + NUMBER + " ratio=" + NUMBER + " store=memory heap_1m_keys_mb=" + NUMBER);
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
                + " baseline=" + NUMBER + " ratio=" + NUMBER + " jdbc_1_per_commit=" + NUMBER + " jdbc_batched=" + NUMBER
                + " store=h2 heap_1m_keys_mb=" + NUMBER);
        assertThat(counts(lines, "(\\d+) handled")).containsExactly(300L, 300L);
        // claim and confirm of 100 warmup and 300 measured messages
        assertThat(counts(lines, "store: (\\d+) writes")).containsExactly(800L);
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
                + NUMBER + " baseline_p50_ms=" + NUMBER + " baseline_p99_ms=" + NUMBER + " p50_ratio=" + NUMBER);
        assertThat(lines.stream().filter(line -> line.startsWith("RESULT"))).hasSize(1);
        assertThat(counts(lines, "(\\d+) answered")).containsExactly(300L, 300L);
    }

    private static List<String> bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
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
