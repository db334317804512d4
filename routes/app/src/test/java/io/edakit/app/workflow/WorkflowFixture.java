package io.edakit.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import org.apache.camel.builder.RouteBuilder;

/**
 * A workflow "order" for the console's tests: a task checks the order, a Choice sends a bad one to
 * a Fail state and a fine one to an hour's Wait (so it stays running until stopped). Executions are
 * started over the operator API with raw HTTP.
 */
public final class WorkflowFixture {

    private WorkflowFixture() {
    }

    public static final String DEFINITION = """
            {"StartAt": "Check", "States": {
              "Check": {"Type": "Task", "Resource": "direct:wf-check", "ResultPath": "$.check", "Next": "Fine?"},
              "Fine?": {"Type": "Choice", "Choices": [{"Variable": "$.check.ok", "BooleanEquals": true, "Next": "Hold"}],
                        "Default": "Rejected"},
              "Rejected": {"Type": "Fail", "Error": "Order.Rejected", "Cause": "not fine"},
              "Hold": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
              "Done": {"Type": "Succeed"}}}
            """;

    /** {@code config} with the workflow instance "order" on an H2 store in {@code dir}. */
    public static Map<String, String> config(Path dir, Map<String, String> config) throws Exception {
        Path definition = Files.writeString(dir.resolve("order.asl.json"), DEFINITION);
        config.put("edakit.workflow.jdbc-url", "jdbc:h2:file:" + dir.resolve("workflows").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        TestApp.instance(config, "order-flow", "workflow", Map.of("workflow", "order",
                "from", "platform-http:/orders?httpMethodRestrict=POST", "definition", definition.toString()));
        return config;
    }

    /** Answers {"ok": false} for a body holding "bad", {"ok": true} otherwise. */
    public static RouteBuilder tasks() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:wf-check").process(exchange -> exchange.getMessage().setBody(
                        exchange.getIn().getBody(String.class).contains("bad") ? "{\"ok\": false}" : "{\"ok\": true}"));
            }
        };
    }

    public static String start(TestApp app, String id, String input) {
        HttpResponse<String> started = HttpCalls.post(app.baseUrl() + "/edakit/workflows/" + id + "/start?workflow=order", input,
                Map.of("Authorization", "Bearer " + app.operatorToken()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return id;
    }
}
