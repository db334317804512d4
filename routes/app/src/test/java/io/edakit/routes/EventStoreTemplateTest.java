package io.edakit.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.eventstore.StoredEvent;
import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.Cli;
import io.edakit.testing.JmsQueueReader;
import io.edakit.testing.RawHttp;
import io.edakit.testing.TestApp;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The event-store template from outside: CloudEvents written by hand on a socket (HTTP/1.1 binary
 * mode) are appended with expected versions (201, 200 for a redelivery, 409 with the current
 * version), the outbox's events are read from the broker by a plain JMS client exactly as sent with
 * stream, version and position headers, and the state at a past time comes back over the operator
 * HTTP API and from the CLI, both reading the same store. A CloudEvents batch written by the
 * CloudEvents SDK's JSON format is one atomic append: all of it or, on a conflict, a second stream
 * or one broken event, nothing (the broken batch on the dead-letter channel with the reason).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EventStoreTemplateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String USER = "edakit";
    private static final String PASSWORD = "test-secret";

    private final ArtemisFixture transport = new ArtemisFixture();
    private final String order = "order-" + UUID.randomUUID().toString().substring(0, 8);
    private TestApp app;
    private int port;
    private Path workDir;

    @BeforeAll
    void start() throws Exception {
        workDir = Files.createTempDirectory("edakit-es-template-");
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        config.put("edakit.broker.user", USER);
        config.put("edakit.broker.password", PASSWORD);
        config.put("edakit.event-store.jdbc-url", "jdbc:h2:file:" + workDir.resolve("events").toAbsolutePath()
                + ";AUTO_SERVER=TRUE");
        TestApp.instance(config, "orders-store", "event-store", Map.of("store", "orders",
                "from", "platform-http:/orders/events", "publish-channel", "es.order-events", "snapshot-every", "2"));
        app = TestApp.start(workDir, "event-store-app", config);
        port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private RawHttp.Response post(String id, String subject, String expected, String data) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", id);
        headers.put("ce-source", "/shop");
        headers.put("ce-type", "order.changed");
        if (subject != null) {
            headers.put("ce-subject", subject);
        }
        if (expected != null) {
            headers.put("EdakitExpectedVersion", expected);
        }
        return RawHttp.send(null, port, "POST", "/orders/events", headers, data);
    }

    private static JsonObject json(String text) {
        return (JsonObject) Jsoner.deserialize(text, new JsonObject());
    }

    @Test
    void appendsWithExpectedVersionsPublishesAsStoredAndRebuildsPastStates() throws Exception {
        String first = UUID.randomUUID().toString();
        RawHttp.Response placed = post(first, order, "no-stream", "{\"status\":\"placed\",\"total\":10}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(json(placed.body()).getLong("version")).isEqualTo(1);

        RawHttp.Response again = post(first, order, "no-stream", "{\"status\":\"placed\",\"total\":10}");
        assertThat(again.status()).as("a redelivered event is stored once").isEqualTo(200);
        assertThat(json(again.body()).getInteger("duplicates")).isEqualTo(1);

        RawHttp.Response conflict = post(UUID.randomUUID().toString(), order, "0", "{\"status\":\"lost\"}");
        assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
        assertThat(json(conflict.body()).getLong("currentVersion")).isEqualTo(1);

        RawHttp.Response noStream = post(UUID.randomUUID().toString(), null, null, "{}");
        assertThat(noStream.status()).as(noStream.body()).isEqualTo(400);

        // a moment between the two, for "the state at a past time"
        String between = app.context().getRegistry().lookupByNameAndType("edakitEventStore",
                io.edakit.eventstore.JdbcEventStore.class).readStream(order, 1, 1).get(0).recordedAt().toString();
        await().pollDelay(Duration.ofMillis(20)).until(() -> true);
        String second = UUID.randomUUID().toString();
        RawHttp.Response paid = post(second, order, "1", "{\"status\":\"paid\",\"paidAt\":\"today\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(post(UUID.randomUUID().toString(), order, "exists", "{\"total\":12}").status()).isEqualTo(201);

        // the outbox's first send creates the channel's queue; only then may a plain JMS client read it
        io.edakit.eventstore.JdbcEventStore store = app.context().getRegistry().lookupByNameAndType("edakitEventStore",
                io.edakit.eventstore.JdbcEventStore.class);
        await().atMost(WAIT).until(() -> io.edakit.eventstore.Outbox.cursor(store, "outbox/orders/es.order-events")
                == store.headPosition());
        // the outbox: every stored event on the channel, exactly as sent, in order, with its coordinates
        try (JmsQueueReader reader = await().atMost(WAIT).ignoreExceptions().until(() -> new JmsQueueReader(
                transport.clientSettings().get("edakit.broker.url"), USER, PASSWORD, "es.order-events"), r -> true)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(reader.received().stream()
                    .filter(m -> order.equals(m.property("edakit_stream"))).count()).as(reader.received().toString())
                    .isEqualTo(3));
            List<JmsQueueReader.Received> events = reader.received().stream()
                    .filter(m -> order.equals(m.property("edakit_stream"))).toList();
            assertThat(events).extracting(m -> m.property("ce_id").toString()).startsWith(first, second);
            assertThat(events).extracting(m -> Long.parseLong(m.property("edakit_version").toString()))
                    .containsExactly(1L, 2L, 3L);
            assertThat(events.get(0).body()).isEqualTo("{\"status\":\"placed\",\"total\":10}");
            assertThat(events.get(0).property("ce_source")).isEqualTo("/shop");
            long p1 = Long.parseLong(events.get(0).property("edakit_position").toString());
            assertThat(Long.parseLong(events.get(2).property("edakit_position").toString())).isEqualTo(p1 + 2);
        }

        // the state, now and at the moment between, over HTTP
        String token = app.operatorToken();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
        RawHttp.Response now = RawHttp.send(null, port, "GET", "/edakit/event-store/streams/" + order + "/state?explain=true",
                auth, null);
        assertThat(now.status()).as(now.body()).isEqualTo(200);
        JsonObject latest = json(now.body());
        assertThat((Map<Object, Object>) (Map) latest.getMap("state")).containsEntry("status", "paid").containsEntry("paidAt", "today");
        assertThat(latest.getLong("version")).isEqualTo(3);
        RawHttp.Response past = RawHttp.send(null, port, "GET", "/edakit/event-store/streams/" + order + "/state?at="
                + between, auth, null);
        assertThat((Map<Object, Object>) (Map) json(past.body()).getMap("state")).containsEntry("status", "placed").doesNotContainKey("paidAt");

        // an append over the operator API needs the token
        Map<String, String> event = new LinkedHashMap<>(Map.of("ce-type", "order.noted", "EdakitExpectedVersion", "3"));
        assertThat(RawHttp.send(null, port, "POST", "/edakit/event-store/streams/" + order + "/events", event, "{\"note\":1}")
                .status()).isIn(401, 403);
        event.putAll(auth);
        RawHttp.Response appended = RawHttp.send(null, port, "POST", "/edakit/event-store/streams/" + order + "/events",
                event, "{\"note\":1}");
        assertThat(appended.status()).as(appended.body()).isEqualTo(201);

        // the CLI reads the same store (H2 AUTO_SERVER) and explains the rebuild
        Cli.Outcome explained = Cli.run("es", "state", order, "--at", between, "--explain", "-c",
                app.configFile().toString());
        assertThat(explained.exitCode()).as(explained.err()).isZero();
        assertThat(explained.out()).contains("\"placed\"").contains("no snapshot").contains("1 event(s) folded");
        Cli.Outcome snapshot = Cli.run("es", "state", order, "--explain", "-c", app.configFile().toString());
        assertThat(snapshot.out()).contains("snapshot at version").contains("\"note\"");
        Cli.Outcome streams = Cli.run("es", "streams", "-c", app.configFile().toString());
        assertThat(streams.out()).contains(order);
        Cli.Outcome refused = Cli.run("es", "append", order, "{}", "--expected-version", "1", "-c",
                app.configFile().toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("\"currentVersion\": 4");
    }

    private static String batchOf(CloudEvent... events) {
        JsonFormat format = new JsonFormat();
        StringBuilder batch = new StringBuilder("[");
        for (CloudEvent event : events) {
            batch.append(batch.length() > 1 ? "," : "").append(new String(format.serialize(event), StandardCharsets.UTF_8));
        }
        return batch.append(']').toString();
    }

    private static CloudEvent line(String stream, int line) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/shop"))
                .withType("order.line-added").withSubject(stream).withDataContentType("application/json")
                .withData(("{\"line\":" + line + "}").getBytes(StandardCharsets.UTF_8)).build();
    }

    private RawHttp.Response postBatch(String batch, String expected) {
        // the expected version before the content type: header order is the client's business
        Map<String, String> headers = new LinkedHashMap<>();
        if (expected != null) {
            headers.put("EdakitExpectedVersion", expected);
        }
        headers.put("Content-Type", "application/cloudevents-batch+json; charset=utf-8");
        return RawHttp.send(null, port, "POST", "/orders/events", headers, batch);
    }

    @Test
    void aCloudEventsBatchIsOneAtomicAppend() throws Exception {
        JdbcEventStore store = app.context().getRegistry().lookupByNameAndType("edakitEventStore", JdbcEventStore.class);
        String cart = "cart-" + UUID.randomUUID().toString().substring(0, 8);
        CloudEvent[] lines = {line(cart, 1), line(cart, 2), line(cart, 3)};
        String batch = batchOf(lines);

        RawHttp.Response appended = postBatch(batch, "no-stream");
        assertThat(appended.status()).as(appended.body()).isEqualTo(201);
        JsonObject answer = json(appended.body());
        assertThat(answer.getLong("version")).isEqualTo(3);
        assertThat(answer.getInteger("appended")).isEqualTo(3);
        assertThat(answer.getLong("lastPosition") - answer.getLong("firstPosition")).as("one commit, gap-free").isEqualTo(2);

        RawHttp.Response again = postBatch(batch, "no-stream");
        assertThat(again.status()).as("a redelivered batch is stored once").isEqualTo(200);
        assertThat(json(again.body()).getInteger("duplicates")).isEqualTo(3);

        RawHttp.Response conflict = postBatch(batchOf(line(cart, 4), line(cart, 5)), "1");
        assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
        assertThat(json(conflict.body()).getLong("currentVersion")).isEqualTo(3);

        String other = "cart-" + UUID.randomUUID().toString().substring(0, 8);
        RawHttp.Response twoStreams = postBatch(batchOf(line(cart, 6), line(other, 1)), null);
        assertThat(twoStreams.status()).as(twoStreams.body()).isEqualTo(400);
        assertThat(twoStreams.body()).contains("batch event 2 of 2").contains("one stream");

        String broken = batchOf(line(cart, 7)).replace("]", ",{\"specversion\":\"1.0\",\"id\":\"x-" + cart
                + "\",\"source\":\"/shop\",\"type\":\"order.line-added\",\"subject\":\"" + cart
                + "\",\"data_base64\":\"not base64!\"}]");
        RawHttp.Response bad = postBatch(broken, null);
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("batch event 2 of 2").contains("data_base64");

        // all of each accepted batch, nothing of a refused one
        List<StoredEvent> stored = store.readStream(cart, 1, 100);
        assertThat(stored).extracting(StoredEvent::id).containsExactly(lines[0].getId(), lines[1].getId(), lines[2].getId());
        assertThat(stored).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(new String(stored.get(1).data(), StandardCharsets.UTF_8)).isEqualTo("{\"line\":2}");
        assertThat(stored.get(0).metadata()).containsEntry("ce_source", "/shop").containsEntry("ce_subject", cart);
        assertThat(store.readStream(other, 1, 100)).isEmpty();

        // the two refused batches on the dead-letter channel, with their reasons
        try (JmsQueueReader reader = new JmsQueueReader(transport.clientSettings().get("edakit.broker.url"), USER,
                PASSWORD, "orders.dlq")) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(reader.received().stream()
                    .filter(m -> m.body().contains(cart)).map(m -> String.valueOf(m.property("edakit_failure_message"))))
                    .hasSize(2).anyMatch(reason -> reason.contains("one stream"))
                    .anyMatch(reason -> reason.contains("data_base64")));
        }
    }
}
