package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.edakit.testing.FatJar;
import io.edakit.testing.FatJar.Outcome;
import io.edakit.testing.FreePorts;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up problems as an operator meets them, with the jar in a child JVM: each stops start-up
 * with one line naming the key, before any port or journal is opened (configuration: exit code 2;
 * a port or data directory another process holds: exit code 1), and the command line answers every
 * failure with one line, never a stack trace, keeping stdout for what a command prints.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StartupFailuresIT {

    private static final Duration COMMAND = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** An instance's settings: its own ports and data directory (not created by a refused start). */
    private Map<String, String> instance(String name, int httpPort, int brokerPort) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("camel.server.port", String.valueOf(httpPort));
        config.put("camel.management.port", String.valueOf(httpPort));
        config.put("edakit.broker.port", String.valueOf(brokerPort));
        config.put("edakit.broker.data-dir", dir.resolve(name + "-data").toString());
        config.put("edakit.broker.password", "it-secret");
        config.put("camel.route-template[orders].template-id", "point-to-point");
        config.put("camel.route-template[orders].channel", "orders");
        config.put("camel.route-template[orders].handler", "log:orders");
        return config;
    }

    private static void assertOneLineEach(String stderr) {
        assertThat(stderr).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("Caused by");
    }

    @Test
    void everyConfigurationProblemIsOneLineWithExitCodeTwoBeforeAnyPortOrJournal() throws Exception {
        Path schemas = dir.resolve("no-such-schemas");
        Map<String, String> config = instance("invalid", FreePorts.next(), FreePorts.next());
        config.put("camel.route-template[orders].handler", "lgo:orders");
        config.put("camel.route-template[orders].concurrent-consumers", "-2");
        config.put("camel.route-template[router].template-id", "sender-router");
        config.put("camel.route-template[router].from", "direct:in");
        config.put("camel.route-template[router].rules", "${header.kind} == 'a' -> orders.a; orders.b");
        config.put("camel.route-template[bus].template-id", "event-bus");
        config.put("camel.route-template[bus].channel", "events");
        config.put("camel.route-template[bus].rules-file", dir.resolve("no-rules.yaml").toString());
        config.put("camel.route-template[payments].template-id", "idempotent-consumer");
        config.put("camel.route-template[payments].channel", "payments");
        config.put("camel.route-template[payments].handler", "log:payments");
        config.put("camel.route-template[payments].key", "${header.ce_id");
        config.put("camel.route-template[quotes].template-id", "request-reply");
        config.put("camel.route-template[quotes].from", "platform-http:/quotes");
        config.put("camel.route-template[quotes].channel", "quotes");
        config.put("camel.route-template[quotes].timeout", "2 sec");
        config.put("edakit.idempotency.store", "kafka");
        config.put("edakit.schema.directory", schemas.toString());
        Path file = TestApp.writeProperties(dir.resolve("invalid.properties"), config);

        Outcome run = FatJar.run(dir, COMMAND, "run", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines().toList()).allSatisfy(line -> assertThat(line)
                        .startsWith("invalid configuration: " + file + ": "))
                .extracting(line -> line.substring(("invalid configuration: " + file + ": ").length()))
                .satisfiesExactlyInAnyOrder(
                        line -> assertThat(line).startsWith("camel.route-template[orders].handler: unknown endpoint "
                                + "scheme 'lgo'"),
                        line -> assertThat(line).isEqualTo("camel.route-template[orders].concurrent-consumers: "
                                + "expected an integer of at least 1, got '-2'"),
                        line -> assertThat(line).isEqualTo("camel.route-template[router].rules: router rule "
                                + "'orders.b' is not '<predicate> -> <channel>'"),
                        line -> assertThat(line).startsWith("camel.route-template[bus].rules-file: ")
                                .contains("event bus rules file not found"),
                        line -> assertThat(line).startsWith("camel.route-template[payments].key: not a valid simple "
                                + "expression"),
                        line -> assertThat(line).isEqualTo("camel.route-template[quotes].timeout: expected a duration "
                                + "such as 500ms, 30s, 10m, 2h or 7d (a bare number is milliseconds), got '2 sec'"),
                        line -> assertThat(line).startsWith("edakit.kafka.bootstrap-servers: required with Kafka"),
                        line -> assertThat(line).startsWith("edakit.schema.directory: directory " + schemas
                                + " does not exist"));
        assertOneLineEach(run.stderr());
        assertThat(dir.resolve("invalid-data")).as("no journal").doesNotExist();
        assertThat(run.stdout() + run.stderr()).as("no server started").doesNotContain("HttpServer started")
                .doesNotContain("broker started").doesNotContain("it-secret");
    }

    @Test
    void aPortAnotherProcessHoldsStopsStartUpWithExitCodeOneNamingTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertRefusedFor("http", instance("http", port, FreePorts.next()), port, "camel.server.port");
            // before: Artemis ran without its acceptor and the instance used whatever held the port
            assertRefusedFor("broker", instance("broker", FreePorts.next(), port), port, "edakit.broker.port");
        }
    }

    /** {@code run} with {@code config} ends with exit code 1 and one line naming {@code key}, no journal created. */
    private void assertRefusedFor(String name, Map<String, String> config, int port, String key) throws Exception {
        Path file = TestApp.writeProperties(dir.resolve(name + ".properties"), config);
        Outcome refused = FatJar.run(dir, COMMAND, "run", "--config", file.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr().strip()).isEqualTo("edakit cannot start: port " + port + " on 127.0.0.1 is in "
                + "use by another process; stop it or choose another port with " + key);
        assertThat(dir.resolve(name + "-data")).doesNotExist();
    }

    @Test
    void aSecondInstanceOnAHeldDataDirectoryStopsAndTheCommandLineFailsInOneLine() throws Exception {
        int httpPort = FreePorts.next();
        Map<String, String> settings = instance("first", httpPort, FreePorts.next());
        Path first = TestApp.writeProperties(dir.resolve("first.properties"), settings);
        Process running = FatJar.start(dir, dir.resolve("first.log"), "run", "--config", first.toString());
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> HttpCalls.get("http://127.0.0.1:" + httpPort + "/observe/health/ready").statusCode() == 200);

            // same data directory, other ports: before, it waited for the journal lock forever
            Map<String, String> second = new LinkedHashMap<>(settings);
            second.put("camel.server.port", String.valueOf(FreePorts.next()));
            second.put("camel.management.port", second.get("camel.server.port"));
            second.put("edakit.broker.port", String.valueOf(FreePorts.next()));
            Path secondFile = TestApp.writeProperties(dir.resolve("second.properties"), second);
            Outcome refused = FatJar.run(dir, Duration.ofSeconds(60), "run", "--config", secondFile.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr().strip()).isEqualTo("edakit cannot start: the broker data directory "
                    + dir.resolve("first-data").toAbsolutePath().normalize() + " is in use by another running broker; "
                    + "stop that process or choose another directory with edakit.broker.data-dir");
            assertThat(HttpCalls.get("http://127.0.0.1:" + httpPort + "/observe/health/ready").statusCode())
                    .as("the first instance is untouched").isEqualTo(200);

            // stdout carries the JSON only, the log lines go to stderr
            Outcome list = FatJar.run(dir, COMMAND, "dlq", "list", "--json", "--config", first.toString());
            assertThat(list.exitCode()).as(list.stderr()).isZero();
            assertThat(Jsoner.deserialize(list.stdout())).isInstanceOf(JsonArray.class);

            Outcome wrongPassword = FatJar.run(dir, COMMAND, "dlq", "list", "--config", first.toString(),
                    "--set", "edakit.broker.password=not-the-password");
            assertThat(wrongPassword.exitCode()).isEqualTo(1);
            assertThat(lastLine(wrongPassword.stderr())).startsWith("edakit dlq list: the broker at tcp://127.0.0.1:"
                    + settings.get("edakit.broker.port") + " refused user 'edakit': check edakit.broker.user and "
                    + "edakit.broker.password");
            assertOneLineEach(wrongPassword.stderr());
            assertThat(wrongPassword.stderr()).doesNotContain("not-the-password").doesNotContain("it-secret");
        } finally {
            running.destroy();
            assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void commandLineMistakesAreOneLineWithExitCodeTwoAndUnreachableBrokersOne() throws Exception {
        Outcome missing = FatJar.run(dir, COMMAND, "validate", "--config", "absent.properties");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr().strip()).isEqualTo("absent.properties: configuration file not found");

        Path escape = Files.writeString(dir.resolve("escape.properties"), "edakit.broker.port=61616\n"
                + "edakit.broker.data-dir=C:\\users\\me\\data\n");
        Outcome badEscape = FatJar.run(dir, COMMAND, "run", "--config", escape.toString());
        assertThat(badEscape.exitCode()).isEqualTo(2);
        assertThat(badEscape.stderr().strip()).isEqualTo(escape + ": line 2: malformed \\u escape: write \\u followed "
                + "by four hexadecimal digits, or \\\\ for a backslash");

        Outcome badFilter = FatJar.run(dir, COMMAND, "dlq", "redrive", "orders.dlq", "--filter",
                "edakit_failure_attempts >", "--set", "edakit.broker.url=tcp://127.0.0.1:" + FreePorts.next());
        assertThat(badFilter.exitCode()).isEqualTo(2);
        assertThat(badFilter.stderr().strip()).startsWith("--filter: invalid filter 'edakit_failure_attempts >'")
                .endsWith("(see: edakit dlq redrive --help)");
        assertOneLineEach(badFilter.stderr());

        int closed = FreePorts.next();
        Outcome unreachable = FatJar.run(dir, COMMAND, "dlq", "list", "--set", "edakit.broker.url=tcp://127.0.0.1:" + closed);
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(lastLine(unreachable.stderr())).startsWith("edakit dlq list: Cannot connect to the Artemis broker at "
                + "tcp://127.0.0.1:" + closed);
        assertOneLineEach(unreachable.stderr());
        assertThat(unreachable.stdout()).isEmpty();

        Outcome help = FatJar.run(dir, COMMAND, "dlq", "redrive", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("LIKE '%Timeout%'");
        assertThat(help.stdout() + help.stderr()).doesNotContain("picocli WARN");
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
