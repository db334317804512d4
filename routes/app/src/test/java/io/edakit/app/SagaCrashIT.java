package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.edakit.testing.FatJar;
import io.edakit.testing.FreePorts;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.HttpParticipants;
import io.edakit.testing.TestApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sagas survive the process: the fat jar runs in a child JVM whose participants are HTTP endpoints
 * of this JVM; the child is killed (SIGKILL) in the middle of an action and in the middle of a
 * compensation, restarted, and each saga ends where it should, every repeated call carrying the
 * same saga and step ids. Once with the default H2 saga log, once with PostgreSQL.
 */
class SagaCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void sagasResumeAfterAKillWithTheH2Log() throws Exception {
        killAndResume("jdbc:h2:file:" + dir.resolve("saga-log").toAbsolutePath() + ";AUTO_SERVER=TRUE", "", "");
    }

    @Test
    void sagasResumeAfterAKillWithThePostgresLog() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            killAndResume(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        }
    }

    private void killAndResume(String jdbcUrl, String user, String password) throws Exception {
        try (HttpParticipants participants = new HttpParticipants("reserve", "release", "charge", "refund", "ship")) {
            int httpPort = FreePorts.next();
            Path config = config(participants, jdbcUrl, user, password, httpPort);
            String base = "http://127.0.0.1:" + httpPort;

            // 1. killed while charge (step 2) is in flight
            Process first = start(config, "first.log", base);
            assertThat(HttpCalls.post(base + "/orders", "order hold-charge", Map.of("ce-id", "crash-action")).statusCode())
                    .isEqualTo(202);
            await().atMost(WAIT).until(() -> participants.names("crash-action").contains("charge"));
            kill(first);
            participants.release("charge");

            // 2. restarted: the saga resumes at charge; then a second saga is killed mid-compensation
            Process second = start(config, "second.log", base);
            awaitState(base, "crash-action", "completed", "second.log");
            assertThat(participants.names("crash-action")).as(() -> timeline(base, "crash-action"))
                    .containsExactly("reserve", "charge", "charge", "ship");
            assertThat(participants.calls("crash-action")).filteredOn(call -> call.name().equals("charge"))
                    .extracting(HttpParticipants.Call::stepId).containsOnly("charge");

            assertThat(HttpCalls.post(base + "/orders", "order fail-ship hold-release", Map.of("ce-id", "crash-undo"))
                    .statusCode()).isEqualTo(202);
            await().atMost(WAIT).until(() -> participants.names("crash-undo").contains("release"));
            kill(second);
            participants.release("release");

            // 3. restarted: the compensation resumes at release; refund is not repeated
            Process third = start(config, "third.log", base);
            try {
                awaitState(base, "crash-undo", "compensated", "third.log");
                assertThat(participants.names("crash-undo")).as(() -> timeline(base, "crash-undo")).containsExactly("reserve", "charge", "ship", "refund",
                        "release", "release");
                assertThat(participants.calls("crash-undo")).filteredOn(call -> call.name().equals("release"))
                        .extracting(HttpParticipants.Call::stepId).containsOnly("reserve");
                assertThat(HttpCalls.get(base + "/edakit/sagas/crash-undo").body()).contains("\"event\":\"resumed\"");
            } finally {
                third.destroy();
                assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private Path config(HttpParticipants participants, String jdbcUrl, String user, String password, int httpPort) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.broker.port", String.valueOf(FreePorts.next()));
        config.put("edakit.broker.data-dir", dir.resolve("broker").toString());
        config.put("camel.server.port", String.valueOf(httpPort));
        config.put("camel.management.port", String.valueOf(httpPort));
        config.put("edakit.saga.jdbc-url", jdbcUrl);
        config.put("edakit.saga.jdbc-user", user);
        config.put("edakit.saga.jdbc-password", password);
        config.put("edakit.saga.lease", "2s");
        String prefix = "camel.route-template[orders].";
        config.put(prefix + "template-id", "saga");
        config.put(prefix + "saga", "order");
        config.put(prefix + "from", "platform-http:/orders");
        config.put(prefix + "steps", "reserve=" + participants.url("reserve") + "|" + participants.url("release")
                + "; charge=" + participants.url("charge") + "|" + participants.url("refund")
                + "; ship=" + participants.url("ship"));
        config.put(prefix + "step-timeout", "5m"); // a held call must still be in flight when the process dies
        config.put(prefix + "step-retries", "0");
        config.put(prefix + "compensation-initial-delay", "100ms");
        return TestApp.writeProperties(dir.resolve("saga-app.properties"), config);
    }

    private Process start(Path config, String log, String base) throws IOException {
        Process process = FatJar.start(dir, dir.resolve(log), "run", "--config", config.toString());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> HttpCalls.get(base + "/observe/health/ready").statusCode() == 200);
        return process;
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Waits for the saga's state; on timeout, fails with the saga's timeline and the child's log. */
    private void awaitState(String base, String sagaId, String state, String log) throws IOException {
        try {
            await().atMost(WAIT).until(() -> state(base, sagaId).equals(state));
        } catch (ConditionTimeoutException e) {
            String output = Files.readString(dir.resolve(log));
            throw new AssertionError("saga " + sagaId + " did not become " + state + ": "
                    + HttpCalls.get(base + "/edakit/sagas/" + sagaId).body() + "\n--- " + log + " (end) ---\n"
                    + output.substring(Math.max(0, output.length() - 6000)), e);
        }
    }

    private static String timeline(String base, String sagaId) {
        return "saga " + sagaId + ": " + HttpCalls.get(base + "/edakit/sagas/" + sagaId).body();
    }

    private static String state(String base, String sagaId) {
        String body = HttpCalls.get(base + "/edakit/sagas/" + sagaId).body();
        int at = body.indexOf("\"state\":\"");
        return at < 0 ? "" : body.substring(at + 9, body.indexOf('"', at + 9));
    }
}
