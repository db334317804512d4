package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.edakit.app.cli.EdakitCli;
import io.edakit.archive.EventArchive;
import io.edakit.broker.kafka.SharedKafkaBroker;
import io.edakit.testing.ChildJvms;
import io.edakit.testing.FreePorts;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import io.edakit.transport.ChannelAddress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay killed at half and resumed, counted from outside: the application runs in a child JVM
 * (on Artemis it embeds the broker, so the kill takes the broker down too), replays an archive of
 * {@value #EVENTS} events to a channel, and is killed with SIGKILL once half of them were sent; a
 * second child on the same state resumes the replay from its durable cursor. Two subscribers of
 * the target channel call HTTP endpoints of this JVM: a plain one ({@code arrived}: each event at
 * least once, the repeats at most one batch plus what the kill left unacknowledged) and an
 * idempotent consumer ({@code effects}: each event exactly once). As in CrashRecoveryIT, the effect
 * endpoint holds its calls from just before the kill, so the killed consumer has a claim in flight
 * whose effect never happened.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class ReplayCrashTest {

    static final int EVENTS = 1_000;
    static final int BATCH = 50;
    /** Sends in flight: order is not what this test checks, and one at a time is slow on a loaded machine. */
    static final int IN_FLIGHT = 16;
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String TOKEN = "replay-crash-token";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure leaves the children's logs to read
    Path dir;

    @Test
    void artemisKilledWithItsBroker() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.broker.port", String.valueOf(FreePorts.next()));
        config.put("edakit.broker.data-dir", dir.resolve("broker").toString());
        config.put("edakit.broker.password", "crash-secret");
        // the broker dies with the child: what its journal holds unacknowledged is not readable from
        // here, so the bound is the one measured on this transport (the subscriber's commits are quick)
        run(config, "", arrivedBeforeKill -> 2 * 64);
    }

    @Test
    void kafkaConsumerKilled() throws Exception {
        String suffix = "-" + System.nanoTime();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.transport", "kafka");
        config.put("edakit.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers());
        config.put("edakit.instance-id", "replay-crash" + suffix);
        config.put("edakit.kafka.properties.heartbeat.interval.ms", "300");
        String group = ChannelAddress.subscriberGroup("crash.replayed" + suffix, "arrivals").consumerGroupName();
        run(config, suffix, arrivedBeforeKill -> arrivedBeforeKill - committedOffsets(group));
    }

    /**
     * What the arrivals subscriber had handled that its committed offsets do not cover when it was
     * killed: those records come again. It grows with how long the offset commits take, which on a
     * loaded machine is far more than their interval, so the test reads it instead of guessing it.
     */
    @FunctionalInterface
    interface Unacknowledged {
        int atKill(int arrivedBeforeKill) throws Exception;
    }

    /** The sum of the group's committed offsets, read with plain kafka-clients: the records they cover. */
    private static int committedOffsets(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .values().stream().filter(java.util.Objects::nonNull).mapToInt(offset -> (int) offset.offset()).sum();
        }
    }

    private void run(Map<String, String> transport, String suffix, Unacknowledged unacknowledged) throws Exception {
        String archiveUrl = "jdbc:h2:file:" + dir.resolve("archive").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (EventArchive archive = EventArchive.open(archiveUrl, "", "", 2, Clock.systemUTC())) {
            for (int n = 0; n < EVENTS; n++) {
                archive.archiveAsync("orders", "ev-" + n, "order.created", Map.of("ce_id", "ev-" + n,
                        "ce_specversion", "1.0", "ce_source", "/shop", "ce_type", "order.created"),
                        ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(WAIT).until(() -> archive.count("orders", java.time.Instant.EPOCH,
                    EventArchive.END_OF_TIME) == EVENTS);
        }
        try (Recorder recorder = new Recorder()) {
            int httpPort = FreePorts.next();
            String base = "http://127.0.0.1:" + httpPort;
            Path config = config(transport, httpPort, archiveUrl, "crash.replayed" + suffix, recorder);

            Process first = start(config, "first.log", base);
            JsonObject started = operator("POST", base, "/replays?name=crash&archive=orders&target=crash.replayed"
                    + suffix + "&batch=" + BATCH + "&inFlight=" + IN_FLIGHT + "&rate=400");
            assertThat(started.getString("state")).isEqualTo("running");
            awaitLogged("first.log", () -> operator("GET", base, "/replays/crash").getLong("sent") >= EVENTS / 2);
            // the effect endpoint now holds its calls: the idempotent consumer (one at a time) has
            // confirmed every effect recorded so far once it waits on a held one, so the kill leaves a
            // claim in flight whose effect did not happen, never an effect whose claim was not confirmed
            recorder.holdEffects();
            awaitLogged("first.log", () -> recorder.heldEffects() >= 1);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            recorder.dropHeldEffects();
            int arrivedBeforeKill = recorder.arrived().size();
            int effectsBeforeKill = recorder.effects().size();
            assertThat(arrivedBeforeKill).as("killed midway").isLessThan(EVENTS);
            int unacknowledgedAtKill = unacknowledged.atKill(arrivedBeforeKill);

            Process second = start(config, "second.log", base);
            try {
                awaitLogged("second.log", () -> "completed".equals(operator("GET", base, "/replays/crash")
                        .getString("state")));
                awaitLogged("second.log", () -> recorder.effects().size() >= EVENTS
                        && new HashSet<>(recorder.arrived()).size() >= EVENTS);
                JsonObject done = operator("GET", base, "/replays/crash");
                Set<String> expected = new HashSet<>();
                for (int n = 0; n < EVENTS; n++) {
                    expected.add("{\"n\":" + n + "}");
                }
                List<String> arrived = recorder.arrived();
                assertThat(new HashSet<>(arrived)).as("each event arrived at least once").isEqualTo(expected);
                int repeats = arrived.size() - EVENTS;
                System.out.printf("replay crash (%s): %d of %d arrived before the kill (%d had their effect, at most %d not "
                        + "acknowledged), %d arrived twice (a batch is %d), restarts %s%n",
                        transport.getOrDefault("edakit.transport", "artemis"), arrivedBeforeKill, EVENTS, effectsBeforeKill,
                        unacknowledgedAtKill, repeats, BATCH, done.get("restarts"));
                assertThat(done.getLong("restarts")).isEqualTo(1);
                assertThat(done.getLong("sent")).isEqualTo(EVENTS);
                // the replayer sends again what follows its stored cursor (Replayer: at most batch - 1 + inFlight);
                // what a subscriber had not acknowledged yet comes again too
                assertThat(repeats).as("repeats").isLessThanOrEqualTo(BATCH - 1 + IN_FLIGHT + unacknowledgedAtKill);
                await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // late duplicates would show by now
                assertThat(recorder.effects()).as("behind the idempotent consumer: exactly once").hasSize(EVENTS)
                        .containsExactlyInAnyOrderElementsOf(expected);
            } finally {
                second.destroy();
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private Path config(Map<String, String> transport, int httpPort, String archiveUrl, String target, Recorder recorder) {
        Map<String, String> config = new LinkedHashMap<>(transport);
        config.put("camel.server.port", String.valueOf(httpPort));
        config.put("camel.management.port", String.valueOf(httpPort));
        config.put("edakit.http.token", TOKEN);
        config.put("edakit.archive.jdbc-url", archiveUrl);
        config.put("edakit.tasks.dir", dir.resolve("tasks").toString());
        config.put("edakit.idempotency.store", "jdbc");
        config.put("edakit.idempotency.jdbc-url", "jdbc:h2:file:" + dir.resolve("idempotency").toAbsolutePath()
                + ";AUTO_SERVER=TRUE");
        TestApp.instance(config, "arrivals", "point-to-point", Map.of("channel", target, "group", "arrivals",
                "handler", recorder.url("arrived")));
        TestApp.instance(config, "effects", "idempotent-consumer", Map.of("channel", target, "group", "effects",
                "handler", recorder.url("effect")));
        return TestApp.writeProperties(dir.resolve("replay-crash.properties"), config);
    }

    private Process start(Path config, String log, String base) throws IOException {
        Process process = new ProcessBuilder(ChildJvms.command(List.of(ChildJvms.FAST_START),
                EdakitCli.class.getName(), "run", "--config", config.toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
        awaitLogged(log, () -> HttpCalls.get(base + "/observe/health/ready").statusCode() == 200);
        return process;
    }

    private static JsonObject operator(String method, String base, String path) {
        var response = HttpCalls.operator(method, base + "/edakit" + path, TOKEN);
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return (JsonObject) Jsoner.deserialize(response.body(), new JsonObject());
    }

    /** Waits for {@code condition}; on timeout fails with the end of the child's log. */
    private void awaitLogged(String log, Callable<Boolean> condition) throws IOException {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            String output = Files.readString(dir.resolve(log));
            throw new AssertionError("--- " + log + " (end) ---\n" + output.substring(Math.max(0, output.length() - 8000)), e);
        }
    }

    /** HTTP endpoints of this JVM recording the body of every call, per path. */
    static final class Recorder implements AutoCloseable {
        private final HttpServer server;
        private final List<String> arrived = Collections.synchronizedList(new ArrayList<>());
        private final List<String> effects = Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.CountDownLatch dropped = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean holding;

        Recorder() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/arrived", exchange -> record(exchange, arrived));
            server.createContext("/effect", exchange -> {
                if (holding) {
                    held.incrementAndGet();
                    try {
                        dropped.await(); // its caller is killed meanwhile: no effect
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                    return;
                }
                record(exchange, effects);
            });
            server.start();
        }

        /** From now on effect calls are held, without an effect, until {@link #dropHeldEffects}. */
        void holdEffects() {
            holding = true;
        }

        int heldEffects() {
            return held.get();
        }

        /** Ends the held calls without an effect and records every later one. */
        void dropHeldEffects() {
            holding = false;
            dropped.countDown();
        }

        private static void record(com.sun.net.httpserver.HttpExchange exchange, List<String> into) throws IOException {
            into.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
        }

        List<String> arrived() {
            synchronized (arrived) {
                return new ArrayList<>(arrived);
            }
        }

        List<String> effects() {
            synchronized (effects) {
                return new ArrayList<>(effects);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
