package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.edakit.channel.ChannelComponent;
import io.edakit.deadletter.FailureHeaders;
import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.ChannelClient;
import io.edakit.testing.FatJar;
import io.edakit.testing.FreePorts;
import io.edakit.transport.ChannelAdmin;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as operators run it: a child JVM, started with {@code java -jar}. Proves the
 * jar is complete (Camel's service files merged, logging, HTTP, broker), not just the classes.
 */
class FatJarIT {

    @TempDir
    Path dir;

    private Process start(Path log, String... args) throws IOException {
        return FatJar.start(dir, log, args);
    }

    @Test
    void servesARequestReplyRoundTripAndShutsDownCleanly() throws Exception {
        int httpPort = FreePorts.next();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("camel.main.routes-include-pattern", "classpath:edakit/demo/quote-handler.yaml");
        config.put("edakit.broker.port", String.valueOf(FreePorts.next()));
        config.put("edakit.broker.data-dir", dir.resolve("data").toString());
        config.put("edakit.broker.password", "jar-secret-value");
        config.put("camel.server.port", String.valueOf(httpPort));
        config.put("camel.management.port", String.valueOf(httpPort));
        config.put("camel.route-template[quotes].template-id", "request-reply");
        config.put("camel.route-template[quotes].from", "platform-http:/quotes");
        config.put("camel.route-template[quotes].channel", "quotes");
        config.put("camel.route-template[responder].template-id", "responder");
        config.put("camel.route-template[responder].channel", "quotes");
        config.put("camel.route-template[responder].handler", "direct:demo-quote");
        Path file = TestApp.writeProperties(dir.resolve("app.properties"), config);
        Path log = dir.resolve("app.log");

        Process app = start(log, "run", "--config", file.toString());
        try {
            String base = "http://127.0.0.1:" + httpPort;
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> HttpCalls.get(base + "/observe/health/ready").statusCode() == 200);
            HttpResponse<String> reply = HttpCalls.post(base + "/quotes", "ACME");
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.body()).contains("\"request\": \"ACME\"");
            assertThat(HttpCalls.get(base + "/observe/metrics").body())
                    .contains("edakit_messages_total{outcome=\"completed\",route=\"quotes\",template=\"request-reply\"} 1.0");
        } finally {
            app.destroy(); // SIGTERM, as a container runtime or systemd would send
        }
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        String output = Files.readString(log);
        assertThat(output).contains("edakit) shutdown in").doesNotContain(" ERROR ").doesNotContain("jar-secret-value");
    }

    @Test
    void invalidConfigurationExitsWithTwoAndUnreachableBrokerWithOne() throws Exception {
        Path bad = TestApp.writeProperties(dir.resolve("bad.properties"),
                Map.of("camel.route-template[x].template-id", "point-to-pont"));
        Path log = dir.resolve("bad.log");
        Process invalid = start(log, "run", "--config", bad.toString());
        assertThat(invalid.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(invalid.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("did you mean 'point-to-point'");

        int closedPort = FreePorts.next();
        Path unreachable = TestApp.writeProperties(dir.resolve("unreachable.properties"), Map.of(
                "edakit.broker.url", "tcp://127.0.0.1:" + closedPort,
                "camel.server.port", String.valueOf(FreePorts.next()),
                "camel.management.port", "0"));
        Path log2 = dir.resolve("unreachable.log");
        Process failing = start(log2, "run", "--config", unreachable.toString(),
                "--set", "camel.management.port=" + readPort(unreachable));
        assertThat(failing.waitFor(90, TimeUnit.SECONDS)).as("exits instead of hanging").isTrue();
        assertThat(failing.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log2)).contains("Cannot connect to the Artemis broker at tcp://127.0.0.1:" + closedPort);
    }

    @Test
    void aRedriveKilledMidwayLosesNothingAndResumes() throws Exception {
        ArtemisFixture broker = new ArtemisFixture();
        Path appConfig = TestApp.writeProperties(dir.resolve("broker.properties"),
                new LinkedHashMap<>(broker.appSettings(dir.resolve("data"))));
        int sent = 300;
        try (TestApp app = TestApp.start(dir, "broker-only", new LinkedHashMap<>(broker.appSettings(dir.resolve("data"))));
             ChannelClient client = new ChannelClient(broker.clientSettings()).start();
             ChannelAdmin admin = client.context().getComponent("channel", ChannelComponent.class).transport().admin()) {
            for (int i = 0; i < sent; i++) {
                client.send("kill.orders.dlq", "o-" + i, Map.of("ce_id", "o-" + i, FailureHeaders.CHANNEL, "kill.orders"));
            }
            Path log = dir.resolve("redrive.log");
            Process redrive = start(log, "dlq", "redrive", "kill.orders.dlq", "--rate", "100", "--config", appConfig.toString());
            await().atMost(Duration.ofSeconds(60)).until(() -> waiting(admin, "kill.orders") >= 60);
            redrive.destroyForcibly(); // kill -9, mid-run
            assertThat(redrive.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long moved = waiting(admin, "kill.orders");
            long left = waiting(admin, "kill.orders.dlq");
            assertThat(moved).isLessThan(sent);
            assertThat(moved + left).as("nothing lost; at most the one in flight doubled").isBetween((long) sent, sent + 1L);

            // the broker hands back what the killed process held once it notices the dead connection
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.peek("kill.orders.dlq", sent).size() == left);
            Process resumed = start(dir.resolve("resumed.log"), "dlq", "redrive", "kill.orders.dlq", "--config",
                    appConfig.toString());
            assertThat(resumed.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(resumed.exitValue()).isZero();
            assertThat(waiting(admin, "kill.orders.dlq")).isZero();
            List<String> ids = admin.peek("kill.orders", sent + 10).stream().map(m -> m.headers().get("ce_id")).toList();
            assertThat(new java.util.HashSet<>(ids)).hasSize(sent);
        }
    }

    private static long waiting(ChannelAdmin admin, String channel) throws Exception {
        return admin.channels("").stream().filter(d -> d.channel().equals(channel))
                .mapToLong(ChannelAdmin.ChannelDepth::waiting).sum();
    }

    private static String readPort(Path properties) throws IOException {
        return Files.readAllLines(properties).stream().filter(line -> line.startsWith("camel.server.port="))
                .findFirst().orElseThrow().substring("camel.server.port=".length());
    }
}
