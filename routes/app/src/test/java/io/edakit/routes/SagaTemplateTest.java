package io.edakit.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.edakit.app.cli.EdakitCli;
import io.edakit.deadletter.FailureHeaders;
import io.edakit.envelope.Envelope;
import io.edakit.saga.SagaHeaders;
import io.edakit.testing.ChannelClient;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import io.edakit.testing.TransportFixture;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * The saga template end to end on one transport (subclasses pick it): the order example started
 * from a channel and over HTTP, compensation, outcome events, operator requests through the HTTP
 * API and the CLI. One application for every method; each method uses orders of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SagaTemplateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Calls the participants received: "<order>:<endpoint>:<step>". */
    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private volatile boolean releaseBroken;
    private TestApp app;
    private ChannelClient client;
    private Path workDir;

    protected abstract TransportFixture createTransport() throws Exception;

    @BeforeAll
    void startApplication() throws Exception {
        workDir = Files.createTempDirectory("edakit-saga-");
        TransportFixture transport = createTransport();
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        config.put("edakit.saga.jdbc-url", "jdbc:h2:file:" + workDir.resolve("saga").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        config.put("edakit.saga.lease", "2s");
        Map<String, String> orders = new LinkedHashMap<>(Map.of("template-id", "saga", "saga", "order",
                "from", "channel:s.orders",
                "steps", "reserve=direct:reserve|direct:release; charge=direct:charge|direct:refund; ship=direct:ship",
                "step-retries", "1", "step-retry-delay", "10ms", "compensation-attempts", "3",
                "compensation-initial-delay", "10ms", "outcome-channel", "s.outcomes"));
        orders.forEach((key, value) -> config.put("camel.route-template[orders]." + key, value));
        Path definition = workDir.resolve("web-order.yaml");
        Files.writeString(definition, """
                timeout: 1m
                steps:
                  - id: reserve
                    action: direct:reserve
                    compensation: direct:release
                  - id: charge
                    action: direct:charge
                    compensation: direct:refund
                    retries: 0
                """);
        Map.of("template-id", "saga", "saga", "web-order", "from", "platform-http:/s/orders",
                "definition", definition.toString(), "outcome-channel", "s.web.outcomes")
                .forEach((key, value) -> config.put("camel.route-template[web-orders]." + key, value));
        app = TestApp.start(workDir, "saga-app", config, participants());
        client = new ChannelClient(transport.clientSettings()).listen("s.outcomes", null).listen("s.web.outcomes", null)
                .listen("web-order.dlq", null).start();
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (app != null) {
            app.close();
        }
    }

    /** Participants: charge declines orders containing "decline", ship fails for "no-ship". */
    private RouteBuilder participants() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String endpoint : List.of("reserve", "release", "charge", "refund", "ship")) {
                    from("direct:" + endpoint).process(exchange -> participate(endpoint, exchange));
                }
            }
        };
    }

    private void participate(String endpoint, Exchange exchange) {
        String order = exchange.getIn().getBody(String.class);
        calls.add(order + ":" + endpoint + ":" + exchange.getIn().getHeader(SagaHeaders.STEP_ID));
        if (exchange.getIn().getHeader(SagaHeaders.SAGA_ID) == null) {
            throw new IllegalStateException("no saga id header");
        }
        boolean fails = switch (endpoint) {
            case "charge" -> order.contains("decline");
            case "ship" -> order.contains("no-ship");
            case "release" -> releaseBroken && order.contains("stuck");
            default -> false;
        };
        if (fails) {
            throw new IllegalStateException(endpoint + " refused " + order);
        }
    }

    private List<String> callsOf(String order) {
        return calls.stream().filter(call -> call.startsWith(order + ":"))
                .map(call -> call.substring(order.length() + 1)).toList();
    }

    private void sendOrder(String sagaId, String order) {
        client.send("s.orders", order, Map.of(Envelope.ID, sagaId, Envelope.TYPE, "order.placed",
                Envelope.SOURCE, "/shop", Envelope.SPECVERSION, "1.0"));
    }

    private List<String> outcomeTypes(String channel, String sagaId) {
        return client.received(channel).stream()
                .filter(event -> sagaId.equals(event.getIn().getHeader(Envelope.SUBJECT)))
                .map(event -> event.getIn().getHeader(Envelope.TYPE, String.class)).toList();
    }

    @Test
    void theOrderExampleCompletesOrCompensatesEachOrderOnceAndPublishesItsOutcome() {
        // other methods start sagas from the same channel too: count from here
        long handledBefore = count("orders", "completed") + count("orders", "dropped");
        long droppedBefore = count("orders", "dropped");
        sendOrder("ok-1", "order ok-1");
        sendOrder("ok-2", "order ok-2");
        sendOrder("decline-1", "order decline-1");
        sendOrder("no-ship-1", "order no-ship-1");
        sendOrder("ok-1", "order ok-1"); // the same start delivered twice
        int sent = 5;

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(outcomeTypes("s.outcomes", "ok-1")).containsExactly("edakit.saga.completed");
            assertThat(outcomeTypes("s.outcomes", "ok-2")).containsExactly("edakit.saga.completed");
            assertThat(outcomeTypes("s.outcomes", "decline-1")).containsExactly("edakit.saga.compensated");
            assertThat(outcomeTypes("s.outcomes", "no-ship-1")).containsExactly("edakit.saga.compensated");
        });
        assertThat(callsOf("order ok-1")).containsExactly("reserve:reserve", "charge:charge", "ship:ship");
        // charge failed twice (one retry), then the steps that started are undone, last first
        assertThat(callsOf("order decline-1")).containsExactly("reserve:reserve", "charge:charge", "charge:charge",
                "refund:charge", "release:reserve");
        assertThat(callsOf("order no-ship-1")).containsExactly("reserve:reserve", "charge:charge", "ship:ship",
                "ship:ship", "refund:charge", "release:reserve");
        // every start is counted: four sagas and one duplicate dropped
        await().atMost(WAIT).untilAsserted(() -> assertThat(count("orders", "completed") + count("orders", "dropped"))
                .isEqualTo(handledBefore + sent));
        assertThat(count("orders", "dropped") - droppedBefore).isEqualTo(1);
        Exchange outcome = client.received("s.outcomes").stream()
                .filter(event -> "ok-2".equals(event.getIn().getHeader(Envelope.SUBJECT))).findFirst().orElseThrow();
        assertThat(outcome.getIn().getBody(String.class)).isEqualTo("order ok-2");
        assertThat(outcome.getIn().getHeader(Envelope.ID)).isEqualTo("ok-2.completed");
    }

    @Test
    void anHttpStartIsAnsweredWithTheSagaIdWhoseTimelineTheApiShows() {
        HttpResponse<String> started = HttpCalls.post(app.baseUrl() + "/s/orders", "web order decline-web",
                Map.of("ce-id", "web-1"));
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(started.body()).contains("\"sagaId\":\"web-1\"").contains("\"duplicate\":false");

        await().atMost(WAIT).until(() -> HttpCalls.get(app.baseUrl() + "/edakit/sagas/web-1").body()
                .contains("\"state\":\"compensated\""));
        String timeline = HttpCalls.get(app.baseUrl() + "/edakit/sagas/web-1").body();
        assertThat(timeline).contains("\"event\":\"action-failed\"").contains("\"step\":\"charge\"")
                .contains("refused web order decline-web").contains("\"event\":\"compensation-succeeded\"");
        // the definition file says charge is not retried
        assertThat(callsOf("web order decline-web")).containsExactly("reserve:reserve", "charge:charge",
                "refund:charge", "release:reserve");
        // one outcome event, published once the saga ended
        await().atMost(WAIT).until(() -> !outcomeTypes("s.web.outcomes", "web-1").isEmpty());
        assertThat(outcomeTypes("s.web.outcomes", "web-1")).containsExactly("edakit.saga.compensated");

        assertThat(HttpCalls.post(app.baseUrl() + "/s/orders", "web order decline-web", Map.of("ce-id", "web-1")).body())
                .contains("\"duplicate\":true");
        assertThat(HttpCalls.get(app.baseUrl() + "/edakit/sagas?state=compensated").body()).contains("\"id\":\"web-1\"");
        assertThat(HttpCalls.get(app.baseUrl() + "/edakit/sagas/no-such-saga").statusCode()).isEqualTo(404);

        // an id another saga template already used starts nothing: dead-lettered with the reason, 400
        sendOrder("taken-1", "order taken-1");
        await().atMost(WAIT).until(() -> outcomeTypes("s.outcomes", "taken-1").contains("edakit.saga.completed"));
        HttpResponse<String> taken = HttpCalls.post(app.baseUrl() + "/s/orders", "web order", Map.of("ce-id", "taken-1"));
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.body()).contains("taken by a saga of 'order'");
        await().atMost(WAIT).until(() -> client.received("web-order.dlq").size() == 1);
        assertThat(client.received("web-order.dlq").get(0).getIn().getHeader(FailureHeaders.MESSAGE, String.class))
                .contains("give each a saga-id of its own");
        assertThat(HttpCalls.get(app.baseUrl() + "/edakit/sagas?state=lost").statusCode()).isEqualTo(400);
    }

    @Test
    void aParkedSagaIsRetriedFromTheCommandLineAndACompletedOneCompensatedOverHttp() {
        releaseBroken = true;
        sendOrder("stuck-1", "order decline stuck-1");
        await().atMost(WAIT).until(() -> outcomeTypes("s.outcomes", "stuck-1").contains("edakit.saga.needs-attention"));
        assertThat(callsOf("order decline stuck-1")).filteredOn(call -> call.startsWith("release")).hasSize(3);
        // a parking is an alert of its own: its id carries the time it was parked
        assertThat(client.received("s.outcomes").stream().filter(event -> "stuck-1".equals(event.getIn().getHeader(
                Envelope.SUBJECT))).map(event -> event.getIn().getHeader(Envelope.ID, String.class)))
                .singleElement().asString().matches("stuck-1\\.needs-attention\\.\\d+");

        CliRun listed = cli("saga", "list", "--state", "needs-attention", "--config", app.configFile().toString());
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("stuck-1").contains("needs-attention");
        assertThat(cli("saga", "show", "stuck-1", "--config", app.configFile().toString()).out())
                .contains("compensation-failed").contains("release refused");
        assertThat(cli("saga", "retry", "ok-nonexistent", "--config", app.configFile().toString()).exitCode()).isEqualTo(1);

        releaseBroken = false;
        CliRun retried = cli("saga", "retry", "stuck-1", "--config", app.configFile().toString());
        assertThat(retried.exitCode()).isZero();
        await().atMost(WAIT).until(() -> outcomeTypes("s.outcomes", "stuck-1").contains("edakit.saga.compensated"));
        // the refund had succeeded before the saga was parked: the retry only released
        assertThat(callsOf("order decline stuck-1")).filteredOn(call -> call.startsWith("refund")).hasSize(1);
        assertThat(callsOf("order decline stuck-1")).filteredOn(call -> call.startsWith("release")).hasSize(4);

        sendOrder("undo-1", "order undo-1");
        await().atMost(WAIT).until(() -> outcomeTypes("s.outcomes", "undo-1").contains("edakit.saga.completed"));
        String compensate = app.baseUrl() + "/edakit/sagas/undo-1/compensate";
        assertThat(HttpCalls.operator("POST", compensate, app.operatorToken()).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> outcomeTypes("s.outcomes", "undo-1").contains("edakit.saga.compensated"));
        assertThat(callsOf("order undo-1")).containsExactly("reserve:reserve", "charge:charge", "ship:ship",
                "refund:charge", "release:reserve");
        assertThat(HttpCalls.operator("POST", compensate, app.operatorToken()).statusCode()).isEqualTo(409);
    }

    private record CliRun(int exitCode, String out) {
    }

    private static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = EdakitCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exitCode = cli.execute(args);
        return new CliRun(exitCode, out.toString());
    }

    private long count(String route, String outcome) {
        return app.messages(route, outcome);
    }
}
