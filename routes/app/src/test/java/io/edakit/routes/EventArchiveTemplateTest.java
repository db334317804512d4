package io.edakit.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.edakit.operator.access.OperatorAccessSettings;
import io.edakit.testing.Cli;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.PlainClient;
import io.edakit.testing.TestApp;
import io.edakit.testing.TransportFixture;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The event-archive template and replays from outside, on each transport: a plain client (a JMS
 * producer, kafka-clients) sends events of several types, some marked as replayed and one without
 * an id; the archive holds exactly the matching, unreplayed ones (archived + dropped +
 * dead-lettered = sent). A replay of a time window with a filter, started over the operator HTTP
 * API, sends exactly the matching events of the window, in archive order, with their ids and the
 * replay's name, read back by the plain client; a dry run counts them without sending; the CLI
 * lists the archive and the replay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
abstract class EventArchiveTemplateTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PER_BATCH = 120;

    private final TransportFixture transport = createTransport();
    private final String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
    private final String in = "arch.in" + suffix;
    private final String out = "arch.out" + suffix;
    private TestApp app;
    private PlainClient plain;
    private String token;

    protected abstract TransportFixture createTransport();

    @BeforeAll
    void start() throws Exception {
        Path workDir = Files.createTempDirectory("edakit-archive-");
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("broker")));
        if (transport.name().equals("kafka")) {
            // one partition: the target topic keeps the archive order for events without an ordering key
            config.put("edakit.kafka.partitions", "1");
        }
        config.put("edakit.archive.jdbc-url", "jdbc:h2:file:" + workDir.resolve("archive").toAbsolutePath()
                + ";AUTO_SERVER=TRUE");
        config.put("edakit.tasks.dir", workDir.resolve("tasks").toString());
        // named in the configuration, so that the CLI finds the token with the same --config
        config.put(OperatorAccessSettings.TOKEN_FILE.name(), workDir.resolve("http-token").toString());
        TestApp.instance(config, "archive", "event-archive", Map.of("archive", "orders", "channel", in,
                "pattern", "{type: [{prefix: \"order.\"}]}", "dead-letter-channel", in + ".dlq"));
        app = TestApp.start(workDir, "archive-app", config);
        plain = transport.plainClient();
        token = app.operatorToken();
    }

    @AfterAll
    void stop() {
        if (plain != null) {
            plain.close();
        }
        if (app != null) {
            app.close();
        }
    }

    /** Event n: every third a payment (not archived), every tenth marked as replayed, the others orders. */
    private static String type(int n) {
        return n % 3 == 0 ? "payment.made" : n % 2 == 0 ? "order.paid" : "order.created";
    }

    private static boolean replayed(int n) {
        return n % 10 == 1;
    }

    private static boolean archived(int n) {
        return !type(n).startsWith("payment") && !replayed(n);
    }

    /** Sends events from..to-1 with the plain client; answers the ids of those the archive keeps, in order. */
    private List<String> send(int from, int to) {
        List<String> archivedIds = new ArrayList<>();
        for (int n = from; n < to; n++) {
            String id = "ev-" + n + suffix;
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("ce_specversion", "1.0");
            headers.put("ce_id", id);
            headers.put("ce_source", "/shop");
            headers.put("ce_type", type(n));
            headers.put("ce_subject", "order-" + n);
            if (replayed(n)) {
                headers.put("edakit_replay", "an-earlier-replay");
            }
            plain.sendText(in, "{\"n\":" + n + "}", headers, null);
            if (archived(n)) {
                archivedIds.add(id);
            }
        }
        return archivedIds;
    }

    private JsonObject call(String method, String path) {
        HttpResponse<String> response = HttpCalls.operator(method, app.baseUrl() + "/edakit" + path, token);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return (JsonObject) Jsoner.deserialize(response.body(), new JsonObject());
    }

    private long archivedCount() {
        JsonArray archives = (JsonArray) call("GET", "/archives").get("archives");
        return archives.stream().map(JsonObject.class::cast).filter(a -> "orders".equals(a.getString("name")))
                .mapToLong(a -> a.getLong("events")).sum();
    }

    /**
     * On Artemis the archive's queue must exist before the plain producer sends (a send to an address
     * without queues is dropped); Kafka keeps the records for the consumer group, which reads from the
     * start (its receivers show only once it committed).
     */
    private void awaitConsumer() {
        if (!transport.name().equals("kafka")) {
            await().atMost(WAIT).until(() -> plain.receivers(in).size() >= 1);
        }
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void archivesTheMatchingEventsAndReplaysAWindowInOrder() throws Exception {
        awaitConsumer();
        List<String> first = send(0, PER_BATCH);
        Map<String, String> noId = Map.of("ce_specversion", "1.0", "ce_source", "/shop", "ce_type", "order.created");
        plain.sendText(in, "{\"n\":-1}", noId, null);
        int sent = PER_BATCH + 1;
        await().atMost(WAIT).until(() -> app.messages("archive", "completed") + app.messages("archive", "dropped")
                + app.messages("archive", "dead-lettered") == sent);
        assertThat(archivedCount()).as("archive count = matching events sent").isEqualTo(first.size());
        assertThat(app.messages("archive", "dead-lettered")).isEqualTo(1);
        assertThat(app.messages("archive", "dropped")).isEqualTo(PER_BATCH - first.size());
        List<PlainClient.PlainMessage> dead = plain.take(in + ".dlq", 1, WAIT);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).text()).isEqualTo("{\"n\":-1}");

        // the window starts after the first batch was archived (acknowledged = archived)
        await().pollDelay(Duration.ofMillis(5)).until(() -> true);
        Instant windowStart = Instant.now();
        List<String> second = send(PER_BATCH, 2 * PER_BATCH);
        await().atMost(WAIT).until(() -> archivedCount() == first.size() + second.size());
        Instant windowEnd = Instant.now().plusMillis(1);

        List<String> paidInWindow = new ArrayList<>();
        for (int n = PER_BATCH; n < 2 * PER_BATCH; n++) {
            if (archived(n) && type(n).equals("order.paid")) {
                paidInWindow.add("ev-" + n + suffix);
            }
        }
        String window = "&archive=orders&from=" + q(windowStart.toString()) + "&to=" + q(windowEnd.toString())
                + "&filter=" + q("{type: [order.paid]}");

        JsonObject dryRun = call("POST", "/replays?name=paid-dry" + window + "&dryRun=true&first=3");
        assertThat(dryRun.getLong("count")).isEqualTo(paidInWindow.size());
        assertThat(((JsonArray) dryRun.get("events")).stream().map(e -> ((JsonObject) e).getString("id")))
                .containsExactlyElementsOf(paidInWindow.subList(0, 3));

        JsonObject started = call("POST", "/replays?name=paid" + window + "&target=" + out + "&batch=7");
        assertThat(started.getString("state")).isEqualTo("running");
        await().atMost(WAIT).until(() -> "completed".equals(call("GET", "/replays/paid").getString("state")));
        JsonObject described = call("GET", "/replays/paid");
        assertThat(described.getLong("sent")).isEqualTo(paidInWindow.size());
        assertThat(described.getLong("scanned")).isEqualTo(second.size());
        assertThat(described.getString("lastReplayed")).isNotNull();

        List<PlainClient.PlainMessage> replayed = plain.take(out, paidInWindow.size() + 1, Duration.ofSeconds(20));
        assertThat(replayed).extracting(m -> m.headers().get("ce_id"))
                .as("exactly the window's order.paid events, in archive order, ids kept")
                .containsExactlyElementsOf(paidInWindow);
        assertThat(replayed).allSatisfy(m -> {
            assertThat(m.headers()).containsEntry("edakit_replay", "paid").containsEntry("ce_type", "order.paid");
            assertThat(m.text()).startsWith("{\"n\":");
        });

        // the CLI: the archive from its database, the replay from the instance
        Cli.Outcome archives = Cli.run("archive", "list", "-c", app.configFile().toString());
        assertThat(archives.exitCode()).as(archives.err()).isZero();
        assertThat(archives.out()).contains("orders").contains(String.valueOf(first.size() + second.size()));
        Cli.Outcome shown = Cli.run("archive", "show", "orders", "--from", windowStart.toString(), "--limit", "2",
                "-c", app.configFile().toString());
        assertThat(shown.out()).contains(second.get(0)).contains(second.get(1)).doesNotContain(first.get(0));
        Cli.Outcome replays = Cli.run("replay", "list", "--url", app.baseUrl(), "-c", app.configFile().toString());
        assertThat(replays.exitCode()).as(replays.err()).isZero();
        assertThat(replays.out()).contains("paid").contains("completed");
        Cli.Outcome dry = Cli.run("replay", "start", "cli-dry", "--archive", "orders", "--from", windowStart.toString(),
                "--filter", "{type: [order.paid]}", "--dry-run", "--url", app.baseUrl(), "-c",
                app.configFile().toString());
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains(paidInWindow.size() + " event(s) would be replayed").contains(paidInWindow.get(0));
    }

    @Test
    @Order(2)
    void aCancelledReplayStopsAndSaysSo() {
        awaitConsumer();
        List<String> ids = send(1000, 1000 + PER_BATCH);
        await().atMost(WAIT).until(() -> archivedCount() >= ids.size());
        call("POST", "/replays?name=slow&archive=orders&target=" + out + ".slow&rate=5");
        await().atMost(WAIT).until(() -> call("GET", "/replays/slow").getLong("sent") >= 2);
        assertThat(HttpCalls.operator("DELETE", app.baseUrl() + "/edakit/replays/slow", "wrong-token").statusCode())
                .isIn(401, 403);
        call("DELETE", "/replays/slow");
        await().atMost(WAIT).until(() -> "cancelled".equals(call("GET", "/replays/slow").getString("state")));
        JsonObject cancelled = call("GET", "/replays/slow");
        long sentAtCancel = cancelled.getLong("sent");
        assertThat(sentAtCancel).as("stopped before the window's end").isLessThan(cancelled.getLong("windowEvents"));
        assertThat(cancelled.getString("note")).contains("cancelled");
        assertThat(plain.take(out + ".slow", ids.size(), Duration.ofSeconds(3))).hasSize((int) sentAtCancel);
    }
}
