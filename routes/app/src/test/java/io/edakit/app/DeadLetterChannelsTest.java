package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.edakit.app.cli.EdakitCli;
import io.edakit.deadletter.DeadLetterLog;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import io.edakit.testing.TransportFixture;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What an operator finds with {@code dlq list} and {@code GET /edakit/dlq}: every channel where
 * messages were set aside, whatever it is called, and one WARN line per dead letter. Messages come
 * from a plain client of the broker and over HTTP; the list is read over HTTP and with the command
 * line, as an operator would. Subclasses pick the transport.
 */
abstract class DeadLetterChannelsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int FAILING = 30;

    @TempDir
    Path dir;

    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final List<String> deadLetterLines = Collections.synchronizedList(new ArrayList<>());
    private final AbstractAppender capture = new AbstractAppender("dead-letter-capture", null, null, true,
            Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            String line = event.getMessage().getFormattedMessage();
            if (event.getLoggerName().equals(DeadLetterLog.LOGGER)) {
                deadLetterLines.add(line);
            } else if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                warnings.add(line);
            }
        }
    };

    protected abstract TransportFixture transport();

    /** A plain client of the application's broker. */
    protected abstract OutsideClient outside();

    /** Makes channels that no template consumes, so that a plain client can write to them. */
    protected abstract void createChannels(String... channels) throws Exception;

    /** Channel names of this run (Kafka topics outlive a test on the shared broker). */
    protected abstract String suffix();

    @BeforeEach
    void captureLog() {
        capture.start();
        ((Logger) LogManager.getRootLogger()).addAppender(capture);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LogManager.getRootLogger()).removeAppender(capture);
        capture.stop();
    }

    @Test
    void everyChannelWhereMessagesWereSetAsideIsListedAndEachDeadLetterLoggedOnce() throws Exception {
        String s = suffix();
        Map<String, String> config = new LinkedHashMap<>(transport().appSettings(dir.resolve("broker")));
        instance(config, "failing", "point-to-point", Map.of("channel", "l.orders" + s, "handler", "direct:fail",
                "dead-letter-channel", "l.orders" + s + ".failed", "max-redeliveries", "0"));
        instance(config, "router", "sender-router", Map.of("from", "platform-http:/l/route" + s,
                "rules", "${header.kind} == 'known' -> l.known" + s));
        instance(config, "events", "idempotent-consumer", Map.of("channel", "l.events" + s, "handler", "log:events",
                "ordering", "late", "ordering-position", "${header.seq}"));
        instance(config, "quiet", "point-to-point", Map.of("channel", "l.quiet" + s, "handler", "log:quiet"));
        try (TestApp app = TestApp.start(dir, "dead-letters", config, new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler()); // a handler route of its own would log each failure too
                from("direct:fail").throwException(new IllegalStateException("downstream is down"));
            }
        })) {
            createChannels("l.legacy" + s + ".parked", "l.backlog" + s);
            for (int i = 0; i < FAILING; i++) {
                outside().send("l.orders" + s, "fail-" + i, Map.of());
            }
            HttpCalls.post(app.baseUrl() + "/l/route" + s, "nobody wants me", Map.of("kind", "unknown"));
            outside().send("l.events" + s, "e-2", Map.of("ce_subject", "order-1", "seq", "2"));
            await().atMost(WAIT).until(() -> app.messages("events", "completed") == 1);
            outside().send("l.events" + s, "e-1", Map.of("ce_subject", "order-1", "seq", "1"));
            // a dead letter another instance (another configuration) wrote, under a name of its own
            outside().send("l.legacy" + s + ".parked", "old-1", Map.of("edakit_failure_channel", "l.legacy" + s,
                    "edakit_failure_instance", "retired-instance", "edakit_failure_exception", "java.io.IOException"));
            // an ordinary channel with a backlog is no dead-letter channel
            outside().send("l.backlog" + s, "b-1", Map.of());

            String api = app.baseUrl() + "/edakit/dlq";
            await().atMost(WAIT).untilAsserted(() -> assertThat(waiting(HttpCalls.get(api).body()))
                    .containsEntry("l.orders" + s + ".failed", (long) FAILING)
                    .containsEntry("l.events" + s + ".late", 1L)
                    .containsEntry("l.legacy" + s + ".parked", 1L)
                    .containsEntry("l.quiet" + s + ".dlq", 0L)
                    .containsKey("unrouted")
                    .doesNotContainKeys("l.backlog" + s, "l.orders" + s, "l.events" + s));
            assertThat(waiting(HttpCalls.get(api).body()).get("unrouted")).isPositive();

            // the command line finds the same, given the instance's configuration
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new EdakitCli());
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute("dlq", "list", "--json", "--config", app.configFile().toString())).isZero();
            assertThat(waiting(out.toString())).containsEntry("l.orders" + s + ".failed", (long) FAILING)
                    .containsEntry("l.events" + s + ".late", 1L).containsEntry("l.legacy" + s + ".parked", 1L)
                    .containsEntry("l.quiet" + s + ".dlq", 0L).containsKey("unrouted")
                    .doesNotContainKeys("l.backlog" + s, "l.orders" + s);

            // what is listed can be looked at: the foreign dead letter with its reason, the quiet one empty
            assertThat(HttpCalls.get(api + "/l.legacy" + s + ".parked").body()).contains("\"id\":\"old-1\"")
                    .contains("java.io.IOException");
            HttpResponse<String> quiet = HttpCalls.get(api + "/l.quiet" + s + ".dlq");
            assertThat(quiet.statusCode()).isEqualTo(200);
            assertThat(quiet.body()).isEqualTo("[]");
            assertThat(HttpCalls.get(api + "/l.nowhere" + s + ".dlq").statusCode()).as("unknown channel").isEqualTo(400);
            // ... and redriven as the empty channel it is, as list, show and purge say, not refused as unknown
            StringWriter redriven = new StringWriter();
            cli.setOut(new PrintWriter(redriven));
            assertThat(cli.execute("dlq", "redrive", "l.quiet" + s + ".dlq", "--dry-run", "--config",
                    app.configFile().toString())).as(redriven.toString()).isZero();
        }

        // one line per dead letter, at most ten a second per route, the rest counted in a summary line
        List<String> lines = List.copyOf(deadLetterLines);
        List<String> failingLines = lines.stream().filter(line -> line.contains("route failing, id fail-")).toList();
        long summarized = lines.stream().filter(line -> line.contains("route failing, ")).mapToLong(DeadLetterChannelsTest::suppressed).sum();
        assertThat(failingLines.size() + summarized).as(String.join("\n", lines)).isEqualTo(FAILING);
        assertThat(failingLines).allSatisfy(line -> assertThat(line).startsWith("Dead-lettered to l.orders" + suffix() + ".failed: ")
                .contains("after 1 attempt(s): java.lang.IllegalStateException: downstream is down"));
        assertThat(lines.stream().filter(line -> line.startsWith("Dead-lettered to unrouted: route router, id ")))
                .as("one line for the one unrouted request").hasSize(1);
        assertThat(warnings).as("no second line per dead letter").noneMatch(line -> line.contains("Exhausted after"));
    }

    private static long suppressed(String line) {
        Matcher count = Pattern.compile(", (\\d+) more message\\(s\\)").matcher(line);
        return count.find() ? Long.parseLong(count.group(1)) : 0;
    }

    /** Channel to waiting count, from the JSON list (HTTP and {@code --json} alike). */
    private static Map<String, Long> waiting(String json) {
        Map<String, Long> waiting = new LinkedHashMap<>();
        Matcher entry = Pattern.compile("\"channel\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"waiting\"\\s*:\\s*(\\d+)").matcher(json);
        while (entry.find()) {
            waiting.put(entry.group(1), Long.parseLong(entry.group(2)));
        }
        return waiting;
    }

    private static void instance(Map<String, String> config, String key, String template, Map<String, String> parameters) {
        config.put("camel.route-template[" + key + "].template-id", template);
        parameters.forEach((name, value) -> config.put("camel.route-template[" + key + "]." + name, value));
    }
}
