package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.app.cli.EdakitCli;
import io.edakit.envelope.Envelope;
import picocli.CommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.ChannelClient;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redrive tasks over HTTP against a running application on Artemis: progress while they move,
 * cancellation, and a stop of the instance in the middle of one, after which the next start resumes
 * it. Messages are counted on the broker with a separate client.
 */
@Timeout(180)
class RedriveTaskTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ArtemisFixture transport = new ArtemisFixture();
    private Path dir;
    private TestApp app;
    private ChannelClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private TestApp start() throws Exception {
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(dir.resolve("artemis")));
        config.put("edakit.saga.jdbc-url", "jdbc:h2:file:" + dir.resolve("saga").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        config.put("edakit.tasks.dir", dir.resolve("tasks").toString());
        TestApp.instance(config, "orders", "point-to-point", Map.of("channel", "t.orders", "handler", "direct:broken",
                "max-redeliveries", "0"));
        return TestApp.start(dir, "tasks", config, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:broken").throwException(new IllegalStateException("downstream is down"));
            }
        });
    }

    private void deadLetters(int count) throws Exception {
        ChannelClient sender = new ChannelClient(transport.clientSettings()).start();
        try {
            for (int i = 0; i < count; i++) {
                sender.send("t.orders", "order-" + i, Map.of(Envelope.ID, "o-" + i, Envelope.TYPE, "order.placed",
                        Envelope.SOURCE, "/test", Envelope.SPECVERSION, "1.0"));
            }
        } finally {
            sender.close();
        }
        await().atMost(WAIT).until(() -> waiting("t.orders.dlq") == count);
    }

    private long waiting(String channel) throws Exception {
        var channels = (org.apache.camel.util.json.JsonArray) Jsoner.deserialize(HttpCalls.get(app.baseUrl() + "/edakit/dlq").body());
        return channels.stream().map(JsonObject.class::cast).filter(c -> channel.equals(c.getString("channel")))
                .mapToLong(c -> ((Number) c.get("waiting")).longValue()).sum();
    }

    private JsonObject task(String id) throws Exception {
        return (JsonObject) Jsoner.deserialize(HttpCalls.get(app.baseUrl() + "/edakit/tasks/" + id).body());
    }

    private JsonObject taskFile(String id) throws Exception {
        return (JsonObject) Jsoner.deserialize(Files.readString(dir.resolve("tasks").resolve(id + ".json")));
    }

    private String startTask(String query) throws Exception {
        var started = HttpCalls.operator("POST", app.baseUrl() + "/edakit/tasks?channel=t.orders.dlq&" + query,
                app.operatorToken());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return ((JsonObject) Jsoner.deserialize(started.body())).getString("id");
    }

    private static long number(JsonObject json, String key) {
        return ((Number) json.get(key)).longValue();
    }

    @Test
    void aTaskReportsProgressAndStopsWhenCancelled() throws Exception {
        dir = Files.createTempDirectory("edakit-tasks-");
        app = start();
        deadLetters(30);

        String id = startTask("to=t.fixed&rate=10");
        await().atMost(WAIT).until(() -> number(task(id), "moved") >= 5);
        JsonObject running = task(id);
        assertThat(running.getString("state")).isEqualTo("running");
        assertThat(number(running, "waitingAtStart")).isEqualTo(30);
        assertThat(running.get("etaSeconds")).isNotNull();
        assertThat(((Number) running.get("ratePerSecond")).doubleValue()).isGreaterThan(1.0);
        // paced at 10/s: the k-th message goes (k - 1) / 10 s after the first, so within the time the
        // task reports at most 10 per second and one (the average over a short start, ratePerSecond,
        // reads above 10: 5 moved in 0.4 s is 12.5/s, and a run once reported 15.3)
        assertThat(number(running, "moved")).isLessThanOrEqualTo(
                (long) Math.floor(10 * number(running, "runningMillis") / 1000.0) + 2);
        assertThat(HttpCalls.get(app.baseUrl() + "/edakit/tasks").body()).contains(id);

        assertThat(HttpCalls.operator("DELETE", app.baseUrl() + "/edakit/tasks/" + id, app.operatorToken()).statusCode())
                .isEqualTo(202);
        await().atMost(WAIT).until(() -> task(id).getString("state").equals("cancelled"));
        long moved = number(task(id), "moved");
        assertThat(moved).isLessThan(30);
        // nothing lost: what was not moved still waits, what was moved arrived once
        assertThat(waiting("t.orders.dlq")).isEqualTo(30 - moved);
        client = new ChannelClient(transport.clientSettings()).listen("t.fixed", null).start();
        await().atMost(WAIT).until(() -> client.received("t.fixed").size() == moved);
        assertThat(taskFile(id).getString("state")).isEqualTo("cancelled");

        // a dry run task counts and moves nothing
        String dry = startTask("dryRun=true");
        await().atMost(WAIT).until(() -> task(dry).getString("state").equals("completed"));
        assertThat(number(task(dry), "moved")).isEqualTo(30 - moved);
        assertThat(waiting("t.orders.dlq")).isEqualTo(30 - moved);

        // the command line: a task followed to its end, progress on stderr as plain lines (no terminal here)
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = EdakitCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("tasks", "start", "t.orders.dlq", "--to", "t.fixed", "--rate", "20", "--url", app.baseUrl(),
                "--config", app.configFile().toString(), "--set", "edakit.http.token-file=" + dir.resolve("tasks.http-token"));
        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("completed").contains((30 - moved) + " moved");
        assertThat(err.toString().lines()).allMatch(line -> line.startsWith("[")).anyMatch(line -> line.contains("running"))
                .last().asString().contains("100%");
        await().atMost(WAIT).until(() -> client.received("t.fixed").size() == 30);
        assertThat(waiting("t.orders.dlq")).isZero();
        out.getBuffer().setLength(0);
        assertThat(cli.execute("tasks", "list", "--url", app.baseUrl(), "--config", app.configFile().toString(),
                "--set", "edakit.http.token-file=" + dir.resolve("tasks.http-token"))).isZero();
        assertThat(out.toString()).contains(id).contains(dry).contains("cancelled");

        assertThat(HttpCalls.operator("POST", app.baseUrl() + "/edakit/tasks?channel=t.orders.dlq&filter=((",
                app.operatorToken()).statusCode()).isEqualTo(400);
        assertThat(HttpCalls.operator("POST", app.baseUrl() + "/edakit/tasks?channel=t.orders.dlq", "wrong-token-wrong")
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aTaskRunningWhenTheInstanceStopsIsResumedAtTheNextStartLosingNothing() throws Exception {
        dir = Files.createTempDirectory("edakit-tasks-restart-");
        app = start();
        deadLetters(40);
        String id = startTask("to=t.fixed&rate=15");
        await().atMost(WAIT).until(() -> number(task(id), "moved") >= 8);
        app.close();
        app = null;
        assertThat(taskFile(id).getString("state")).isEqualTo("running");

        app = start();
        await().atMost(WAIT).until(() -> task(id).getString("state").equals("completed"));
        JsonObject done = task(id);
        assertThat(number(done, "restarts")).isEqualTo(1);
        assertThat(done.getString("note")).contains("resumed");
        assertThat(waiting("t.orders.dlq")).isZero();
        client = new ChannelClient(transport.clientSettings()).listen("t.fixed", null).start();
        await().atMost(WAIT).until(() -> client.received("t.fixed").size() >= 40);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> client.received("t.fixed").size() <= 41);
        List<Object> ids = client.received("t.fixed").stream().map(e -> e.getIn().getHeader(Envelope.ID)).distinct().toList();
        assertThat(ids).hasSize(40); // every one arrived; at most the one in flight at the stop twice
        assertThat(number(done, "moved")).isBetween(40L, 41L);
    }
}
