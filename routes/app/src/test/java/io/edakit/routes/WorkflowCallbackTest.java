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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edakit.app.cli.EdakitCli;
import io.edakit.deadletter.FailureHeaders;
import io.edakit.envelope.Envelope;
import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.ChannelClient;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.PlainClient;
import io.edakit.testing.TestApp;
import io.edakit.testing.TransportFixture;
import io.edakit.workflow.camel.WorkflowHeaders;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * Callback tasks in the running application on Artemis: the request goes one way to a channel with
 * its token; the answer comes over raw HTTP (the operator API), from a plain JMS client on the
 * workflow-callbacks template's channel, or from the CLI; stale and unknown tokens are refused (HTTP
 * 409/404, dead-lettered with the reason on the channel).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowCallbackTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestApp app;
    private ChannelClient channels;
    private PlainClient jms;

    @BeforeAll
    void startApplication() throws Exception {
        Path workDir = Files.createTempDirectory("edakit-workflow-callback-");
        TransportFixture transport = new ArtemisFixture();
        Path definition = Files.writeString(workDir.resolve("approval.asl.json"), """
                {"StartAt": "Approve", "States": {
                  "Approve": {"Type": "Task", "Resource": "channel:approval.requests.waitForTaskToken",
                              "Parameters": {"order.$": "$.order", "token.$": "$$.Task.Token"},
                              "TimeoutSeconds": 120, "ResultPath": "$.approval", "End": true}}}
                """);
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        config.put("edakit.workflow.jdbc-url", "jdbc:h2:file:" + workDir.resolve("workflow").toAbsolutePath()
                + ";AUTO_SERVER=TRUE");
        Map.of("template-id", "workflow", "workflow", "approval", "from", "platform-http:/w/approvals",
                "definition", definition.toString(), "outcome-channel", "approval.outcomes")
                .forEach((key, value) -> config.put("camel.route-template[approvals]." + key, value));
        Map.of("template-id", "workflow-callbacks", "from", "channel:approval.callbacks",
                "dead-letter-channel", "approval.callbacks.dlq")
                .forEach((key, value) -> config.put("camel.route-template[approval-callbacks]." + key, value));
        app = TestApp.start(workDir, "workflow-callback-app", config);
        channels = new ChannelClient(transport.clientSettings()).listen("approval.requests", null)
                .listen("approval.outcomes", null).listen("approval.callbacks.dlq", null).start();
        jms = transport.plainClient();
    }

    @AfterAll
    void stop() throws Exception {
        if (jms != null) {
            jms.close();
        }
        if (channels != null) {
            channels.close();
        }
        if (app != null) {
            app.close();
        }
    }

    /** Starts an execution over HTTP and answers the token its request carried. */
    private String startAndTakeToken(String id, int order) throws Exception {
        assertThat(HttpCalls.post(app.baseUrl() + "/w/approvals", "{\"order\": " + order + "}", Map.of("ce-id", id))
                .statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> request(order) != null);
        Exchange request = request(order);
        String token = JSON.readTree(request.getIn().getBody(String.class)).get("token").asText();
        assertThat(request.getIn().getHeader(WorkflowHeaders.TASK_TOKEN)).isEqualTo(token);
        return token;
    }

    private Exchange request(int order) {
        return channels.received("approval.requests").stream().filter(exchange -> {
            try {
                return JSON.readTree(exchange.getIn().getBody(String.class)).get("order").asInt() == order;
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElse(null);
    }

    private Exchange onlyOutcomeOf(String id) {
        await().atMost(WAIT).until(() -> !outcomesOf(id).isEmpty());
        assertThat(outcomesOf(id)).hasSize(1);
        return outcomesOf(id).get(0);
    }

    private List<Exchange> outcomesOf(String id) {
        return channels.received("approval.outcomes").stream()
                .filter(event -> id.equals(event.getIn().getHeader(Envelope.SUBJECT))).toList();
    }

    private HttpResponse<String> answer(String token, String what, String body, boolean authorized) {
        return HttpCalls.post(app.baseUrl() + "/edakit/workflows/tasks/" + token + "/" + what, body,
                authorized ? Map.of("Authorization", "Bearer " + app.operatorToken(), "Content-Type", "application/json")
                        : Map.of("Content-Type", "application/json"));
    }

    @Test
    void rawHttpHeartbeatAndSuccessAnswerTheTaskAndAStaleOrUnknownTokenIsRefused() throws Exception {
        String token = startAndTakeToken("http-1", 1);

        assertThat(answer(token, "success", "{}", false).statusCode()).isIn(401, 403);
        HttpResponse<String> beat = answer(token, "heartbeat", "", true);
        assertThat(beat.statusCode()).as(beat.body()).isEqualTo(200);
        assertThat(beat.body()).contains("\"executionId\":\"http-1\"").contains("\"status\":\"waiting\"");
        HttpResponse<String> notJson = answer(token, "success", "{not json", true);
        assertThat(notJson.statusCode()).isEqualTo(400);
        HttpResponse<String> ok = answer(token, "success", "{\"approved\": true}", true);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("\"state\":\"Approve\"").contains("\"attempt\":1");

        Exchange outcome = onlyOutcomeOf("http-1");
        assertThat(outcome.getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.succeeded");
        assertThat(JSON.readTree(outcome.getIn().getBody(String.class)).at("/approval/approved").asBoolean()).isTrue();
        HttpResponse<String> again = answer(token, "failure", "{\"error\": \"Late\"}", true);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("task-not-waiting").contains("answered at");
        HttpResponse<String> unknown = answer("no-such-token", "success", "{}", true);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown task token");
    }

    @Test
    void aPlainJmsClientAnswersOnTheCallbackChannelAndAStaleAnswerIsDeadLetteredWithTheReason() throws Exception {
        String token = startAndTakeToken("jms-1", 2);

        jms.sendText("approval.callbacks", "{\"approved\": \"by jms\"}", Map.of(WorkflowHeaders.TASK_TOKEN, token), null);
        Exchange outcome = onlyOutcomeOf("jms-1");
        JsonNode output = JSON.readTree(outcome.getIn().getBody(String.class));
        assertThat(output.at("/approval/approved").asText()).isEqualTo("by jms");

        jms.sendText("approval.callbacks", "{\"approved\": \"twice\"}", Map.of(WorkflowHeaders.TASK_TOKEN, token), null);
        jms.sendText("approval.callbacks", "{}", Map.of(), null);
        // sent 3 = applied 1 + dead-lettered 2
        await().atMost(WAIT).until(() -> channels.received("approval.callbacks.dlq").size() == 2);
        List<String> reasons = channels.received("approval.callbacks.dlq").stream()
                .map(e -> e.getIn().getHeader(FailureHeaders.MESSAGE, String.class)).toList();
        assertThat(reasons).anyMatch(reason -> reason.contains("was answered at"))
                .anyMatch(reason -> reason.contains("has no " + WorkflowHeaders.TASK_TOKEN));
        assertThat(outcomesOf("jms-1")).hasSize(1);
    }

    @Test
    void theCommandLineSendsAHeartbeatAndAFailureThroughTheStore() throws Exception {
        // the token as a plain argument: tokens begin with a letter (bare base64 began with '-' 1 time in 64
        // and read as an option, which failed this test once); after "--" it is taken too
        String token = startAndTakeToken("cli-1", 3);
        String config = app.configFile().toString();

        CliRun beat = cli("workflow", "task", "heartbeat", "--config", config, token);
        assertThat(beat.exitCode()).as(beat.out()).isZero();
        assertThat(beat.out()).contains("execution cli-1, state 'Approve', attempt 1: heartbeat recorded");
        CliRun failed = cli("workflow", "task", "failure", "--error", "Approval.Rejected", "--cause", "over budget",
                "--config", config, token);
        assertThat(failed.exitCode()).as(failed.out()).isZero();

        Exchange outcome = onlyOutcomeOf("cli-1");
        assertThat(outcome.getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.failed");
        assertThat(outcome.getIn().getBody(String.class)).contains("Approval.Rejected").contains("over budget");
        CliRun late = cli("workflow", "task", "success", "--output", "{}", "--config", config, "--", token);
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.out()).contains("refused").contains("answered at");
    }

    @Test
    void aFailedExecutionIsRedrivenOverHttpWithANewTokenAndARunningOrSucceededOneIsRefused() throws Exception {
        String first = startAndTakeToken("redrive-1", 4);
        assertThat(answer(first, "failure", "{\"error\": \"Approver.Away\", \"cause\": \"on leave\"}", true)
                .statusCode()).isEqualTo(200);
        assertThat(onlyOutcomeOf("redrive-1").getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.failed");
        String config = app.configFile().toString();
        String redrive = app.baseUrl() + "/edakit/workflows/redrive-1/redrive";
        assertThat(HttpCalls.post(redrive, "").statusCode()).isIn(401, 403);

        HttpResponse<String> redriven = HttpCalls.operator("POST", redrive, app.operatorToken());

        assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(202);
        assertThat(redriven.body()).contains("\"status\":\"running\"").contains("\"redriveCount\":1");
        CliRun running = cli("workflow", "redrive", "redrive-1", "--config", config);
        assertThat(running.exitCode()).isEqualTo(1);
        assertThat(running.out()).contains("is running: only a failed, timed-out or aborted execution can be redriven");
        // the failed state runs again: a new request, with a new token; the old one is refused
        await().atMost(WAIT).until(() -> channels.received("approval.requests").stream().filter(exchange ->
                exchange.getIn().getBody(String.class).contains("\"order\":4")).count() == 2);
        String second = channels.received("approval.requests").stream()
                .filter(exchange -> exchange.getIn().getBody(String.class).contains("\"order\":4"))
                .map(exchange -> exchange.getIn().getHeader(WorkflowHeaders.TASK_TOKEN, String.class)).toList().get(1);
        assertThat(second).isNotEqualTo(first);
        assertThat(answer(first, "success", "{}", true).statusCode()).isEqualTo(409);
        assertThat(answer(second, "success", "{\"approved\": \"after redrive\"}", true).statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> outcomesOf("redrive-1").size() == 2);
        Exchange succeeded = outcomesOf("redrive-1").get(1);
        assertThat(succeeded.getIn().getHeader(Envelope.TYPE)).isEqualTo("edakit.workflow.succeeded");
        assertThat(succeeded.getIn().getHeader(Envelope.ID)).isEqualTo("redrive-1.redrive-1.succeeded");
        CliRun shown = cli("workflow", "show", "redrive-1", "--config", config);
        assertThat(shown.out()).contains("\"redriveCount\": 1").contains("after redrive");
        assertThat(cli("workflow", "history", "redrive-1", "--config", config).out()).contains("REDRIVEN");
        HttpResponse<String> again = HttpCalls.operator("POST", redrive, app.operatorToken());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("a succeeded execution has nothing to redrive");
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
