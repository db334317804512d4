package io.edakit.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.app.cli.EdakitCli;
import io.edakit.deadletter.FailureHeaders;
import io.edakit.envelope.Envelope;
import io.edakit.testing.ChannelClient;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.PlainClient;
import io.edakit.testing.RawHttp;
import io.edakit.testing.TestApp;
import io.edakit.testing.TransportFixture;
import io.edakit.workflow.durable.WorkflowRecord;
import io.edakit.workflow.durable.WorkflowStatus;
import io.edakit.workflow.durable.WorkflowStore;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * The workflow template end to end on one transport (subclasses pick it) with the shipped example
 * (config/order-workflow.asl.json and its demo task routes): started over raw HTTP and by the
 * transport's plain client (JMS, kafka-clients), each start delivered twice runs once, outcome
 * events on a channel, bad starts dead-lettered, operations over HTTP and the CLI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WorkflowTemplateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestApp app;
    private String storeUrl;
    private ChannelClient outcomes;
    private PlainClient jms;

    protected abstract TransportFixture createTransport() throws Exception;

    @BeforeAll
    void startApplication() throws Exception {
        Path workDir = Files.createTempDirectory("edakit-workflow-");
        TransportFixture transport = createTransport();
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        storeUrl = "jdbc:h2:file:" + workDir.resolve("workflow").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        config.put("edakit.workflow.jdbc-url", storeUrl);
        config.put("edakit.workflow.lease", "2s");
        config.put("camel.main.routes-include-pattern", "classpath:edakit/demo/order-workflow-tasks.yaml");
        Map.of("template-id", "workflow", "workflow", "order", "from", "platform-http:/w/orders",
                "definition", "../config/order-workflow.asl.json", "outcome-channel", "w.outcomes")
                .forEach((key, value) -> config.put("camel.route-template[web-orders]." + key, value));
        Map.of("template-id", "workflow", "workflow", "channel-order", "from", "channel:w.orders",
                "execution-id", "channel-${header.ce_id}",
                "definition", "../config/order-workflow.asl.json", "outcome-channel", "w.outcomes")
                .forEach((key, value) -> config.put("camel.route-template[channel-orders]." + key, value));
        // a task behind a channel, answered by the transport's plain client (see the channel task test)
        Path channelTask = workDir.resolve("channel-task.asl.json");
        Files.writeString(channelTask, """
                {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "channel:w.work", "End": true}}}
                """);
        Map.of("template-id", "workflow", "workflow", "channel-task", "from", "platform-http:/w/channel-task",
                "definition", channelTask.toAbsolutePath().toString(), "outcome-channel", "w.outcomes")
                .forEach((key, value) -> config.put("camel.route-template[channel-task]." + key, value));
        app = TestApp.start(workDir, "workflow-app", config);
        outcomes = new ChannelClient(transport.clientSettings()).listen("w.outcomes", null).listen("order.dlq", null).listen("channel-order.dlq", null)
                .start();
        jms = transport.plainClient();
    }

    @AfterAll
    void stop() throws Exception {
        if (jms != null) {
            jms.close();
        }
        if (outcomes != null) {
            outcomes.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private List<Exchange> outcomesOf(String executionId) {
        return outcomes.received("w.outcomes").stream()
                .filter(event -> executionId.equals(event.getIn().getHeader(Envelope.SUBJECT))).toList();
    }

    private Exchange onlyOutcomeOf(String executionId) {
        await().atMost(WAIT).until(() -> !outcomesOf(executionId).isEmpty());
        List<Exchange> all = outcomesOf(executionId);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void httpStartsAreAnswered202WithTheExecutionIdAndEndWithTheirOutcomeEvent() {
        HttpResponse<String> shipped = HttpCalls.post(app.baseUrl() + "/w/orders", "{\"order\": 1}", Map.of("ce-id", "h-1"));
        HttpResponse<String> fraud = HttpCalls.post(app.baseUrl() + "/w/orders", "{\"order\": 2, \"note\": \"fraud\"}",
                Map.of("ce-id", "h-2"));
        HttpResponse<String> declined = HttpCalls.post(app.baseUrl() + "/w/orders",
                "{\"order\": 3, \"note\": \"decline\"}", Map.of("ce-id", "h-3"));
        HttpResponse<String> again = HttpCalls.post(app.baseUrl() + "/w/orders", "{\"order\": 1}", Map.of("ce-id", "h-1"));

        assertThat(shipped.statusCode()).isEqualTo(202);
        assertThat(shipped.body()).contains("\"executionId\":\"h-1\"").contains("\"duplicate\":false");
        assertThat(fraud.statusCode()).isEqualTo(202);
        assertThat(declined.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).contains("\"duplicate\":true");

        Exchange ok = onlyOutcomeOf("h-1");
        assertThat(ok.getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.succeeded");
        assertThat(ok.getIn().getHeader(Envelope.ID)).isEqualTo("h-1.succeeded");
        assertThat(ok.getIn().getBody(String.class)).contains("\"tracking\"").contains("\"risk\":\"low\"");
        Exchange review = onlyOutcomeOf("h-2");
        assertThat(review.getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.succeeded");
        assertThat(review.getIn().getBody(String.class)).contains("\"queued\":\"fraud-review\"").doesNotContain("tracking");
        Exchange failed = onlyOutcomeOf("h-3");
        assertThat(failed.getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.failed");
        assertThat(failed.getIn().getBody(String.class)).contains("Order.PaymentDeclined").contains("card declined");
    }

    @Test
    void aStartThatIsNotJsonIsDeadLetteredWithTheReason() {
        HttpResponse<String> notJson = HttpCalls.post(app.baseUrl() + "/w/orders", "not json", Map.of("ce-id", "h-bad"));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not JSON");
        jms.sendText("w.orders", "not json either", Map.of(Envelope.ID, "j-bad", Envelope.TYPE, "order.placed",
                Envelope.SOURCE, "/shop", Envelope.SPECVERSION, "1.0"), null);

        await().atMost(WAIT).until(() -> outcomes.received("order.dlq").size() == 1
                && outcomes.received("channel-order.dlq").size() == 1);
        assertThat(outcomes.received("channel-order.dlq").get(0).getIn().getHeader(FailureHeaders.MESSAGE, String.class))
                .contains("the body is not JSON");
        assertThat(outcomesOf("h-bad")).isEmpty();
    }

    @Test
    void aPlainClientsStartDeliveredTwiceRunsOneExecution() {
        Map<String, String> envelope = Map.of(Envelope.ID, "j-1", Envelope.TYPE, "order.placed", Envelope.SOURCE, "/shop",
                Envelope.SPECVERSION, "1.0");
        jms.sendText("w.orders", "{\"order\": 10, \"note\": \"out-of-stock\"}", envelope, null);
        jms.sendText("w.orders", "{\"order\": 10, \"note\": \"out-of-stock\"}", envelope, null);

        Exchange outcome = onlyOutcomeOf("channel-j-1");
        assertThat(outcome.getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.failed");
        assertThat(outcome.getIn().getBody(String.class)).contains("Order.OutOfStock");
        await().atMost(WAIT).until(() -> app.messages("channel-orders", "dropped") == 1);
        assertThat(outcomesOf("channel-j-1")).hasSize(1);
    }

    @Test
    void operatorsStartListShowAndReadTheHistoryOverHttpAndTheCommandLine() {
        String start = app.baseUrl() + "/edakit/workflows/op-1/start?workflow=order";
        assertThat(HttpCalls.post(start, "{}").statusCode()).isIn(401, 403);
        HttpResponse<String> started = HttpCalls.operator("POST", start, app.operatorToken());
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(started.body()).contains("\"id\":\"op-1\"").contains("\"status\":\"running\"");
        // recorded unowned: the running instance claims it and runs it
        assertThat(onlyOutcomeOf("op-1").getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.succeeded");
        assertThat(HttpCalls.operator("POST", start, app.operatorToken()).statusCode()).isEqualTo(409);

        String shown = HttpCalls.get(app.baseUrl() + "/edakit/workflows/op-1").body();
        assertThat(shown).contains("\"status\":\"succeeded\"").contains("tracking");
        String history = HttpCalls.get(app.baseUrl() + "/edakit/workflows/op-1/history?limit=2").body();
        assertThat(history).contains("\"event\":\"resumed\"").contains("\"event\":\"task-succeeded\"")
                .doesNotContain("\"event\":\"ended\"");
        assertThat(HttpCalls.get(app.baseUrl() + "/edakit/workflows/no-such").statusCode()).isEqualTo(404);
        assertThat(HttpCalls.get(app.baseUrl() + "/edakit/workflows?status=lost").statusCode()).isEqualTo(400);
        assertThat(HttpCalls.operator("POST", app.baseUrl() + "/edakit/workflows/op-1/stop", app.operatorToken())
                .statusCode()).isEqualTo(409);

        String config = app.configFile().toString();
        CliRun cliStart = cli("workflow", "start", "order", "--id", "op-2", "--input", "{\"note\": \"fraud\"}",
                "--config", config);
        assertThat(cliStart.exitCode()).as(cliStart.out()).isZero();
        assertThat(onlyOutcomeOf("op-2").getIn().getBody(String.class)).contains("fraud-review");
        CliRun listed = cli("workflow", "list", "--status", "succeeded", "--config", config);
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).contains("op-1").contains("op-2");
        assertThat(cli("workflow", "show", "op-2", "--config", config).out()).contains("\"status\": \"succeeded\"");
        assertThat(cli("workflow", "history", "op-2", "--config", config).out()).contains("TASK_SUCCEEDED")
                .contains("ENDED");
        assertThat(cli("workflow", "stop", "op-2", "--config", config).exitCode()).isEqualTo(1);
        assertThat(cli("workflow", "show", "nope", "--config", config).exitCode()).isEqualTo(1);
    }

    @Test
    void aChannelTasksPlainParticipantGetsTheTaskHeadersAndTheSameTaskIdWhenTheCallIsMadeAgain() {
        HttpResponse<String> started = HttpCalls.post(app.baseUrl() + "/w/channel-task", "{\"order\": 9}",
                Map.of("ce-id", "ct-1"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);

        List<PlainClient.PlainMessage> first = jms.take("w.work", 1, WAIT);
        assertThat(first).hasSize(1);
        Map<String, String> headers = first.get(0).headers();
        String taskId = headers.get("edakit_task_id");
        assertThat(taskId).startsWith("ct-1/task-");
        assertThat(headers).containsEntry("edakit_execution_id", "ct-1").containsEntry("edakit_workflow_state", "Work")
                .containsEntry("edakit_task_attempt", "1");
        assertThat(first.get(0).text()).isEqualTo("{\"order\":9}");
        // an answer the store refuses (over a million characters): the runner faults, lets the execution go,
        // and takes it over again after the lease; the replay makes the call again, as after a crash
        jms.reply(first.get(0), "\"" + "x".repeat(1_000_001) + "\"");

        List<PlainClient.PlainMessage> again = jms.take("w.work", 1, WAIT);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).headers()).containsEntry("edakit_task_id", taskId).containsEntry("edakit_task_attempt", "1");
        jms.reply(again.get(0), "{\"done\": true}");

        Exchange outcome = onlyOutcomeOf("ct-1");
        assertThat(outcome.getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.succeeded");
        assertThat(outcome.getIn().getBody(String.class)).isEqualTo("{\"done\":true}");
        assertThat(outcome.getIn().getHeader("edakit_execution_id")).as("the outcome event's header travels too")
                .isEqualTo("ct-1");
        assertThat(jms.take("w.work", 1, Duration.ofMillis(500))).as("the call was made twice, no more").isEmpty();
    }

    @Test
    void aParkedExecutionIsResumedOverRawHttpWithTheOperatorTokenAndByTheCommandLine() {
        int port = java.net.URI.create(app.baseUrl()).getPort();
        String path = "/edakit/workflows/rs-1/resume";
        Map<String, String> token = Map.of("Authorization", "Bearer " + app.operatorToken());
        Instant now = Instant.now();
        try (WorkflowStore store = WorkflowStore.open(storeUrl, "", "", 1)) { // the default edakit.workflow.jdbc-user
            // held by an instance that is busy with it (its lease is an hour away): running, not parked
            for (String id : List.of("rs-1", "rs-2")) {
                store.start(WorkflowRecord.starting(id, "order", "{}", now, "elsewhere#1"), now.plusSeconds(3600));
            }
            assertThat(RawHttp.send(port, "POST", path, Map.of()).status()).isEqualTo(401);
            RawHttp.Response running = RawHttp.send(port, "POST", path, token);
            assertThat(running.status()).as(running.body()).isEqualTo(409);
            assertThat(running.body()).contains("only a parked execution can be resumed");
            // its runner threw (once is enough to park it here) and let it go
            for (String id : List.of("rs-1", "rs-2")) {
                assertThat(store.fault(id, "elsewhere#1", now, "java.lang.IllegalStateException", "a bug, since fixed", 1,
                        now)).isEqualTo(1);
                assertThat(store.find(id).orElseThrow().status()).isEqualTo(WorkflowStatus.PARKED);
            }
        }

        RawHttp.Response resumed = RawHttp.send(port, "POST", path, token);
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(202);
        assertThat(resumed.body()).contains("\"status\":\"running\"");
        CliRun byCli = cli("workflow", "resume", "rs-2", "--config", app.configFile().toString());
        assertThat(byCli.exitCode()).as(byCli.out()).isZero();

        // the application's instance claims them and runs them on to their end, once each
        assertThat(onlyOutcomeOf("rs-1").getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.succeeded");
        assertThat(onlyOutcomeOf("rs-2").getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.succeeded");
        RawHttp.Response succeeded = RawHttp.send(port, "POST", path, token);
        assertThat(succeeded.status()).as(succeeded.body()).isEqualTo(409);
        assertThat(RawHttp.send(port, "POST", "/edakit/workflows/no-such/resume", token).status()).isEqualTo(404);
        assertThat(cli("workflow", "resume", "rs-2", "--config", app.configFile().toString()).exitCode()).isEqualTo(1);
        assertThat(HttpCalls.get(app.baseUrl() + "/edakit/workflows/rs-1/history").body())
                .contains(WorkflowStore.RESUMED_BY_OPERATOR).contains("\"event\":\"parked\"");
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
}
