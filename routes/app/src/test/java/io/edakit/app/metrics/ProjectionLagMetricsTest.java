package io.edakit.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.edakit.eventstore.JdbcEventStore;
import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.Cli;
import io.edakit.testing.RawHttp;
import io.edakit.testing.TestApp;
import org.apache.camel.Body;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The projection lag gauges from outside: events appended over raw HTTP to a running instance with
 * two projections, one that keeps up and one that stops before an event its handler refuses
 * ({@code on-failure=stop}); a raw HTTP scrape of /observe/metrics shows, per projection, the events
 * behind (head minus checkpoint) and how long the oldest of them has waited, and the list operation
 * (HTTP and the CLI) says the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProjectionLagMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The "halted" projection's handler: refuses an event whose data says halt. */
    public static final class HaltingHandler {
        final List<String> handled = new CopyOnWriteArrayList<>();

        public void handle(@Body String data) {
            if (data.contains("\"halt\"")) {
                throw new IllegalStateException("halted here");
            }
            handled.add(data);
        }
    }

    private final ArtemisFixture transport = new ArtemisFixture();
    private final HaltingHandler halting = new HaltingHandler();
    private TestApp app;
    private int port;

    @BeforeAll
    void start() throws Exception {
        Path workDir = Files.createTempDirectory("edakit-projection-lag-");
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        config.put("edakit.event-store.jdbc-url", "jdbc:h2:file:" + workDir.resolve("events").toAbsolutePath()
                + ";AUTO_SERVER=TRUE");
        config.put("edakit.metrics.gauge-refresh", "100ms");
        TestApp.instance(config, "orders-store", "event-store", Map.of("store", "orders",
                "from", "platform-http:/orders/events"));
        TestApp.instance(config, "live", "projection", Map.of("name", "live", "handler", "log:live?level=DEBUG",
                "poll-interval", "100ms"));
        TestApp.instance(config, "halted", "projection", Map.of("name", "halted", "handler", "bean:haltingHandler",
                "on-failure", "stop", "max-redeliveries", "0", "poll-interval", "100ms"));
        app = TestApp.start(workDir, "projection-lag-app", config, Map.of("haltingHandler", halting));
        port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void lagPerProjectionOnTheScrapeAndInTheList() throws Exception {
        JdbcEventStore store = app.context().getRegistry().lookupByNameAndType("edakitEventStore", JdbcEventStore.class);
        String order = "order-" + UUID.randomUUID().toString().substring(0, 8);
        append(order, "{\"n\":1}");
        append(order, "{\"n\":2}");
        append(order, "{\"halt\":true}");
        long halt = store.headPosition();
        append(order, "{\"n\":3}");
        append(order, "{\"n\":4}");
        long head = store.headPosition();
        Instant haltRecorded = store.readAll(halt - 1, 1).get(0).recordedAt();

        await().atMost(WAIT).until(() -> "stopped".equals(listed("halted").getString("state")));
        JsonObject halted = listed("halted");
        assertThat(halted.getLong("position")).as("stopped before the refused event").isEqualTo(halt - 1);
        assertThat(halted.getLong("lag")).isEqualTo(head - halt + 1).isEqualTo(3);
        assertThat(halted.getString("oldestUnprojectedAt")).isEqualTo(haltRecorded.toString());
        assertThat(((Number) halted.get("lagSeconds")).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(halting.handled).containsExactly("{\"n\":1}", "{\"n\":2}");
        await().atMost(WAIT).until(() -> listed("live").getLong("position") == head);
        assertThat(listed("live").getLong("lag")).isZero();
        assertThat(listed("live").get("oldestUnprojectedAt")).isNull();

        // a raw scrape, as Prometheus makes it: the events behind per projection, and the oldest one's age
        await().atMost(WAIT).until(() -> OperationalMetricsTest.sample(scrape(), "edakit_projection_lag",
                "projection=\"halted\"") == 3 && OperationalMetricsTest.sample(scrape(), "edakit_projection_lag",
                "projection=\"live\"") == 0);
        await().atMost(WAIT).until(() -> OperationalMetricsTest.sample(scrape(), "edakit_projection_lag_age_seconds",
                "projection=\"halted\"") > 0.2);
        String scrape = scrape();
        double age = OperationalMetricsTest.sample(scrape, "edakit_projection_lag_age_seconds", "projection=\"halted\"");
        assertThat(age).as("no older than the refused event").isLessThanOrEqualTo(
                Duration.between(haltRecorded, Instant.now()).toMillis() / 1000.0 + 0.001);
        assertThat(OperationalMetricsTest.sample(scrape, "edakit_projection_lag_age_seconds", "projection=\"live\""))
                .isZero();
        assertThat(scrape).contains("# TYPE edakit_projection_lag gauge")
                .contains("# TYPE edakit_projection_lag_age_seconds gauge");

        Cli.Outcome list = Cli.run("projection", "list", "-c", app.configFile().toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("LAG_AGE");
        String line = list.out().lines().filter(l -> l.startsWith("halted ")).findFirst().orElseThrow();
        assertThat(line.split("\\s+")).startsWith("halted", String.valueOf(halt - 1), "3");
        assertThat(line.split("\\s+")[3]).matches("\\d+\\.\\ds");
    }

    private String scrape() {
        RawHttp.Response response = RawHttp.send(null, port, "GET", "/observe/metrics", Map.of(), null);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private void append(String subject, String data) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", UUID.randomUUID().toString());
        headers.put("ce-source", "/shop");
        headers.put("ce-type", "order.placed");
        headers.put("ce-subject", subject);
        RawHttp.Response response = RawHttp.send(null, port, "POST", "/orders/events", headers, data);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private JsonObject listed(String name) {
        RawHttp.Response list = RawHttp.send(null, port, "GET", "/edakit/projections", Map.of(), null);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonArray projections = (JsonArray) ((JsonObject) Jsoner.deserialize(list.body(), new JsonObject()))
                .get("projections");
        return projections.stream().map(JsonObject.class::cast).filter(p -> name.equals(p.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + list.body()));
    }
}
