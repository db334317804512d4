package io.edakit.routes;

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
import io.edakit.testing.JmsQueueReader;
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
 * The projection template from outside: events appended over raw HTTP reach a projection's channel
 * handler (read by a plain JMS client) filtered by its pattern, in order, with the outbox's
 * headers; a handler that fails on one event sends it to the dead-letter channel with the reason
 * and goes on; `projection list` and `reset` over the protected HTTP API (raw HTTP) and the CLI,
 * and a reset's replay carries the edakit_replay header.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProjectionTemplateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String USER = "edakit";
    private static final String PASSWORD = "test-secret";

    /** The "strict" projection's handler: refuses an event whose data says it is bad. */
    public static final class StrictHandler {
        final List<String> handled = new CopyOnWriteArrayList<>();

        public void handle(@Body String data) {
            if (data.contains("\"bad\"")) {
                throw new IllegalStateException("no total for a bad order");
            }
            handled.add(data);
        }
    }

    private final ArtemisFixture transport = new ArtemisFixture();
    private final StrictHandler strict = new StrictHandler();
    private TestApp app;
    private int port;
    private String brokerUrl;

    @BeforeAll
    void start() throws Exception {
        Path workDir = Files.createTempDirectory("edakit-projection-template-");
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        config.put("edakit.broker.user", USER);
        config.put("edakit.broker.password", PASSWORD);
        config.put("edakit.event-store.jdbc-url", "jdbc:h2:file:" + workDir.resolve("events").toAbsolutePath()
                + ";AUTO_SERVER=TRUE");
        TestApp.instance(config, "orders-store", "event-store", Map.of("store", "orders",
                "from", "platform-http:/orders/events"));
        TestApp.instance(config, "totals", "projection", Map.of("name", "order-totals",
                "handler", "channel:proj.order-totals", "pattern", "{type: [order.placed]}", "batch", "2",
                "poll-interval", "100ms"));
        TestApp.instance(config, "strict", "projection", Map.of("name", "strict", "handler", "bean:strictHandler",
                "max-redeliveries", "1", "redelivery-delay", "10ms", "dead-letter-channel", "proj.strict.dlq"));
        app = TestApp.start(workDir, "projection-app", config, Map.of("strictHandler", strict));
        port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
        brokerUrl = transport.clientSettings().get("edakit.broker.url");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private void append(String subject, String type, String data) {
        RawHttp.Response response = RawHttp.send(null, port, "POST", "/orders/events", RawHttp.cloudEvent(type, subject),
                data);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private RawHttp.Response operator(String method, String path, boolean authenticated) {
        Map<String, String> headers = authenticated ? Map.of("Authorization", "Bearer " + app.operatorToken()) : Map.of();
        return RawHttp.send(null, port, method, path, headers, null);
    }

    private static JsonObject json(String text) {
        return (JsonObject) Jsoner.deserialize(text, new JsonObject());
    }

    private JsonObject listed(String name) {
        RawHttp.Response list = operator("GET", "/edakit/projections", true);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonArray projections = (JsonArray) json(list.body()).get("projections");
        return projections.stream().map(JsonObject.class::cast).filter(p -> name.equals(p.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + list.body()));
    }

    private static List<JmsQueueReader.Received> of(JmsQueueReader reader, String order) {
        return reader.received().stream().filter(m -> order.equals(m.property("ce_subject"))).toList();
    }

    @Test
    void projectsFilteredEventsInOrderDeadLettersFailuresAndReplaysAfterAResetOverHttpAndCli() throws Exception {
        String order = "order-" + UUID.randomUUID().toString().substring(0, 8);
        JdbcEventStore store = app.context().getRegistry().lookupByNameAndType("edakitEventStore", JdbcEventStore.class);
        append(order, "order.placed", "{\"line\":1,\"total\":10}");
        append(order, "order.noted", "{\"note\":\"gift\"}");
        append(order, "order.placed", "{\"line\":2,\"total\":5}");
        append(order, "order.placed", "{\"bad\":true}");
        Instant between = store.readAll(store.headPosition() - 1, 1).get(0).recordedAt();
        await().atMost(WAIT).until(() -> Instant.now().isAfter(between.plusMillis(2)));
        append(order, "order.placed", "{\"line\":3,\"total\":7}");
        long head = store.headPosition();

        // the dead-lettered event and the four others: every event of the strict projection accounted for
        try (JmsQueueReader dlq = await().atMost(WAIT).ignoreExceptions().until(() -> new JmsQueueReader(brokerUrl, USER,
                PASSWORD, "proj.strict.dlq"), r -> true)) {
            await().atMost(WAIT).until(() -> listed("strict").getLong("position") == head);
            await().atMost(WAIT).until(() -> dlq.received().size() == 1);
            assertThat(strict.handled.size() + dlq.received().size()).as("handled + dead-lettered = appended").isEqualTo(5);
            JmsQueueReader.Received dead = dlq.received().get(0);
            assertThat(dead.body()).isEqualTo("{\"bad\":true}");
            assertThat(String.valueOf(dead.property("edakit_failure_message"))).contains("no total for a bad order");
            assertThat(dead.property("edakit_failure_attempts").toString()).isEqualTo("2");
            assertThat(dead.property("edakit_stream")).isEqualTo(order);
        }

        try (JmsQueueReader reader = await().atMost(WAIT).ignoreExceptions().until(() -> new JmsQueueReader(brokerUrl,
                USER, PASSWORD, "proj.order-totals"), r -> true)) {
            // the pattern passes the four order.placed events, in order, with the outbox's headers
            await().atMost(WAIT).until(() -> of(reader, order).size() == 4);
            List<JmsQueueReader.Received> projected = of(reader, order);
            assertThat(projected).extracting(JmsQueueReader.Received::body).containsExactly("{\"line\":1,\"total\":10}",
                    "{\"line\":2,\"total\":5}", "{\"bad\":true}", "{\"line\":3,\"total\":7}");
            assertThat(projected).extracting(m -> Long.parseLong(m.property("edakit_version").toString()))
                    .containsExactly(1L, 3L, 4L, 5L);
            assertThat(projected).extracting(m -> m.property("ce_type")).containsOnly("order.placed");
            assertThat(projected).allMatch(m -> m.property("edakit_replay") == null);
            assertThat(Long.parseLong(projected.get(3).property("edakit_position").toString())).isEqualTo(head);

            JsonObject totals = listed("order-totals");
            assertThat(totals.getLong("lag")).isZero();
            assertThat(totals.getString("state")).isEqualTo("running");
            assertThat(totals.getString("owner")).isNotBlank();

            // a reset is an operator's: refused without the token
            assertThat(operator("POST", "/edakit/projections/order-totals/reset?to=beginning", false).status())
                    .isIn(401, 403);
            assertThat(operator("GET", "/edakit/projections", false).status()).as("reads are open to local callers")
                    .isEqualTo(200);
            assertThat(operator("POST", "/edakit/projections/order-totals/reset?to=yesterday", true).status())
                    .isEqualTo(400);
            assertThat(operator("POST", "/edakit/projections/no-such/reset?to=beginning", true).status()).isEqualTo(404);
            RawHttp.Response reset = operator("POST", "/edakit/projections/order-totals/reset?to=beginning", true);
            assertThat(reset.status()).as(reset.body()).isEqualTo(202);
            assertThat(json(reset.body()).getLong("position")).isZero();
            await().atMost(WAIT).until(() -> of(reader, order).size() == 8);
            List<JmsQueueReader.Received> replayed = of(reader, order).subList(4, 8);
            assertThat(replayed).extracting(JmsQueueReader.Received::body).containsExactlyElementsOf(
                    projected.stream().map(JmsQueueReader.Received::body).toList());
            assertThat(replayed).allMatch(m -> "order-totals".equals(m.property("edakit_replay")));

            // the CLI, on the same database: a reset by time replays only what was recorded after it
            Cli.Outcome byTime = Cli.run("projection", "reset", "order-totals", "--to", "time:" + between, "-c",
                    app.configFile().toString());
            assertThat(byTime.exitCode()).as(byTime.err()).isZero();
            assertThat(byTime.out()).contains("\"position\": " + (head - 1));
            await().atMost(WAIT).until(() -> of(reader, order).size() == 9);
            JmsQueueReader.Received last = of(reader, order).get(8);
            assertThat(last.body()).isEqualTo("{\"line\":3,\"total\":7}");
            assertThat(last.property("edakit_replay")).isEqualTo("order-totals");
            await().atMost(WAIT).until(() -> listed("order-totals").getLong("position") == head);
            Cli.Outcome list = Cli.run("projection", "list", "-c", app.configFile().toString());
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("order-totals").contains("strict").contains("running");
            Cli.Outcome refused = Cli.run("projection", "reset", "order-totals", "--to", "position:x", "-c",
                    app.configFile().toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("beginning, position:N or time:T");
        }
    }

}
