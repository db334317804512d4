package io.edakit.app.tracing;

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
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.edakit.envelope.Envelope;
import io.edakit.saga.SagaHeaders;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.PlainClient;
import io.edakit.testing.RawHttp;
import io.edakit.testing.TestApp;
import io.edakit.testing.TransportFixture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One request is one trace, on one transport (subclasses pick it): an HTTP call with a
 * {@code traceparent} header, sent by a raw HTTP client, through the ingress template, a channel
 * on the broker, the saga template consuming it and the saga's steps; and a message that a plain
 * broker client (JMS, kafka-clients) sent with a {@code traceparent} continues that client's trace;
 * a workflow execution started over HTTP is a span with a child span per task call, the task
 * endpoints' routes below them.
 * Spans are collected by OpenTelemetry's in-memory exporter bound in the application's registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TracingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AttributeKey<String> OP = AttributeKey.stringKey("op");
    private static final AttributeKey<String> SAGA_STEP = AttributeKey.stringKey("edakit.saga.step");
    private static final AttributeKey<String> SAGA_ID = AttributeKey.stringKey("edakit.saga.id");
    private static final AttributeKey<String> EXECUTION_ID = AttributeKey.stringKey("edakit.workflow.execution-id");
    private static final AttributeKey<String> STATE = AttributeKey.stringKey("edakit.workflow.state");
    /** Two Task states one after the other, each a direct: route of the test. */
    private static final String WORKFLOW = """
            {"StartAt": "Check", "States": {
              "Check": {"Type": "Task", "Resource": "direct:wf-check", "ResultPath": "$.check", "Next": "Ship"},
              "Ship": {"Type": "Task", "Resource": "direct:wf-ship", "ResultPath": "$.ship", "End": true}}}
            """;

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    /** Participant calls: "<saga id>:<step>:<traceparent the call carried>". */
    private final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private TransportFixture transport;
    private TestApp app;

    protected abstract TransportFixture createTransport() throws Exception;

    @BeforeAll
    void startApplication() throws Exception {
        Path workDir = Files.createTempDirectory("edakit-tracing-");
        transport = createTransport();
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        config.put("edakit.saga.jdbc-url", "jdbc:h2:file:" + workDir.resolve("saga").toAbsolutePath());
        config.put("edakit.tracing.enabled", "true");
        config.put("edakit.tracing.export-delay", "50ms");
        TestApp.instance(config, "web-in", "ingress", Map.of("from", "platform-http:/t/orders", "channel", "t.orders",
                "type", "order.placed"));
        TestApp.instance(config, "orders", "saga", Map.of("saga", "order", "from", "channel:t.orders",
                "steps", "reserve=direct:reserve|direct:release; charge=direct:charge|direct:refund"));
        TestApp.instance(config, "failing", "point-to-point", Map.of("channel", "t.fail", "handler", "direct:fail",
                "max-redeliveries", "0"));
        config.put("edakit.workflow.jdbc-url", "jdbc:h2:file:" + workDir.resolve("workflows").toAbsolutePath());
        TestApp.instance(config, "shipping", "workflow", Map.of("workflow", "shipping",
                "from", "platform-http:/t/shipping?httpMethodRestrict=POST",
                "definition", Files.writeString(workDir.resolve("shipping.asl.json"), WORKFLOW).toString()));
        app = TestApp.start(workDir, "tracing-app", config, Map.of("testSpanExporter", spans), participants());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private RouteBuilder participants() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:fail").routeId("participant-fail").throwException(new IllegalStateException("down"));
                for (String task : List.of("wf-check", "wf-ship")) {
                    from("direct:" + task).routeId("task-" + task).process(exchange -> {
                        calls.add(exchange.getIn().getHeader(io.edakit.workflow.camel.WorkflowHeaders.EXECUTION_ID) + ":" + task + ":"
                                + exchange.getIn().getHeader("traceparent"));
                        exchange.getMessage().setBody("{\"ok\": true}");
                    });
                }
                for (String step : List.of("reserve", "release", "charge", "refund")) {
                    from("direct:" + step).routeId("participant-" + step).process(exchange -> calls.add(
                            exchange.getIn().getHeader(SagaHeaders.SAGA_ID) + ":" + step + ":"
                                    + exchange.getIn().getHeader("traceparent")));
                }
            }
        };
    }

    @Test
    void anHttpRequestThroughIngressChannelSagaAndItsStepsIsOneTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("traceparent", "00-" + traceId + "-" + callerSpan + "-01");
        headers.put("tracestate", "vendor=abc");
        headers.put("ce-id", "http-order-1");
        headers.put("ce-specversion", "1.0");
        headers.put("ce-type", "order.placed");
        headers.put("ce-source", "/shop");
        headers.put("Content-Type", "text/plain");
        RawHttp.Response response = RawHttp.send(null, port(), "POST", "/t/orders", headers, "order 1");
        assertThat(response.status()).as(response.body()).isEqualTo(202);

        List<SpanData> trace = awaitTrace(traceId, "http-order-1");
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        // one root within the application, a child of the caller's span
        List<SpanData> roots = trace.stream().filter(span -> !byId.containsKey(span.getParentSpanId())).toList();
        assertThat(roots).as(describe(trace)).hasSize(1);
        assertThat(roots.get(0).getParentSpanId()).isEqualTo(callerSpan);
        assertThat(roots.get(0).getParentSpanContext().isRemote()).isTrue();

        SpanData send = only(trace, span -> "t.orders".equals(span.getName()) && "EVENT_SENT".equals(span.getAttributes().get(OP)));
        SpanData receive = only(trace, span -> "t.orders".equals(span.getName())
                && "EVENT_RECEIVED".equals(span.getAttributes().get(OP)));
        // the broker hop: the consumer's span is a child of the producer's, linked through the message's traceparent
        assertThat(receive.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(receive.getParentSpanContext().isRemote()).as("parent taken from the message").isTrue();
        assertThat(descends(send, roots.get(0), byId)).isTrue();
        // the saga's steps below the consumer's span, tagged with the step: the engine's call (Camel's
        // producer template records it twice, one inside the other), then the participant's route
        for (String step : List.of("reserve", "charge")) {
            List<SpanData> stepSpans = trace.stream().filter(span -> step.equals(span.getAttributes().get(SAGA_STEP))).toList();
            assertThat(stepSpans).as(describe(trace)).allSatisfy(span ->
                    assertThat(span.getAttributes().get(SAGA_ID)).isEqualTo("http-order-1"));
            SpanData call = only(stepSpans, span -> !step.equals(byId.get(span.getParentSpanId()).getAttributes().get(SAGA_STEP)));
            assertThat(call.getParentSpanId()).isEqualTo(receive.getSpanId());
            assertThat(call.getAttributes().get(OP)).isEqualTo("EVENT_SENT");
            SpanData participant = only(stepSpans, span -> "EVENT_RECEIVED".equals(span.getAttributes().get(OP)));
            assertThat(participant.getName()).isEqualTo(step);
            assertThat(descends(participant, call, byId)).isTrue();
        }
        // the participants saw the trace in their headers
        assertThat(calls).filteredOn(call -> call.startsWith("http-order-1:"))
                .allSatisfy(call -> assertThat(call).contains(traceId)).hasSize(2);
    }

    @Test
    void aPlainClientsTraceparentIsContinued() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String producerSpan = "b7ad6b7169203331";
        try (PlainClient client = transport.plainClient()) {
            client.sendText("t.orders", "order 2", Map.of("traceparent", "00-" + traceId + "-" + producerSpan + "-01",
                    Envelope.ID, "plain-order-2", Envelope.TYPE, "order.placed", Envelope.SOURCE, "/plain",
                    Envelope.SPECVERSION, "1.0"), null);
        }
        List<SpanData> trace = awaitTrace(traceId, "plain-order-2");
        SpanData receive = only(trace, span -> "t.orders".equals(span.getName())
                && "EVENT_RECEIVED".equals(span.getAttributes().get(OP)));
        assertThat(receive.getParentSpanId()).isEqualTo(producerSpan);
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        assertThat(trace).filteredOn(span -> span.getAttributes().get(SAGA_STEP) != null)
                .extracting(span -> span.getAttributes().get(SAGA_STEP)).contains("reserve", "charge");
        assertThat(trace).filteredOn(span -> span.getAttributes().get(SAGA_STEP) != null)
                .allSatisfy(span -> assertThat(descends(span, receive, byId)).isTrue());
    }

    @Test
    void theTraceIsKeptInTheDeadLetterAndContinuedByItsRedrive() {
        String traceId = "5bf92f3577b34da6a3ce929d0e0e4799";
        try (PlainClient client = transport.plainClient()) {
            client.sendText("t.fail", "bad", Map.of("traceparent", "00-" + traceId + "-00f067aa0ba90200-01",
                    Envelope.ID, "fail-1", Envelope.TYPE, "order.placed", Envelope.SOURCE, "/plain",
                    Envelope.SPECVERSION, "1.0"), null);
            await().atMost(WAIT).until(() -> received(traceId, "t.fail") == 1
                    && app.messages("failing", "dead-lettered") == 1);
            var redrive = HttpCalls.operator("POST", app.baseUrl() + "/edakit/dlq/t.fail.dlq/redrive", app.operatorToken());
            assertThat(redrive.statusCode()).as(redrive.body()).isEqualTo(200);
            // the redriven message is consumed again in the same trace (and dead-lettered again)
            await().atMost(WAIT).until(() -> received(traceId, "t.fail") == 2
                    && app.messages("failing", "dead-lettered") == 2);
            // on the broker, the dead letter carries the trace (Kafka's topic still holds the first one too)
            List<PlainClient.PlainMessage> deadLetters = client.take("t.fail.dlq", 1, WAIT);
            assertThat(deadLetters).isNotEmpty().allSatisfy(deadLetter ->
                    assertThat(deadLetter.headers().get("traceparent")).contains(traceId));
        }
    }

    @Test
    void aWorkflowExecutionIsASpanWithAChildPerTaskCall() {
        String id = "traced-1";
        var started = HttpCalls.post(app.baseUrl() + "/edakit/workflows/" + id + "/start?workflow=shipping", "{\"order\": 7}",
                Map.of("Authorization", "Bearer " + app.operatorToken()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> spans.getFinishedSpanItems().stream().anyMatch(span ->
                "workflow shipping".equals(span.getName()) && id.equals(span.getAttributes().get(EXECUTION_ID))));
        SpanData execution = only(spans.getFinishedSpanItems(), span -> "workflow shipping".equals(span.getName())
                && id.equals(span.getAttributes().get(EXECUTION_ID)));
        assertThat(execution.getAttributes().get(AttributeKey.stringKey("edakit.workflow.status"))).isEqualTo("succeeded");
        String traceId = execution.getTraceId();
        await().atMost(WAIT).until(() -> spansOf(traceId).stream().filter(span -> span.getName().startsWith("task ")).count() == 2
                && spansOf(traceId).stream().filter(span -> "EVENT_RECEIVED".equals(span.getAttributes().get(OP))
                        && span.getName().startsWith("wf-")).count() == 2);
        List<SpanData> trace = spansOf(traceId);
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        for (String[] task : new String[][] {{"Check", "wf-check"}, {"Ship", "wf-ship"}}) {
            SpanData call = only(trace, span -> ("task " + task[0]).equals(span.getName()));
            assertThat(call.getParentSpanId()).as(describe(trace)).isEqualTo(execution.getSpanId());
            assertThat(call.getAttributes().get(EXECUTION_ID)).isEqualTo(id);
            assertThat(call.getAttributes().get(STATE)).isEqualTo(task[0]);
            assertThat(call.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.UNSET);
            // the task endpoint's route below the call: the trace context travelled in the message
            SpanData route = only(trace, span -> task[1].equals(span.getName()) && "EVENT_RECEIVED".equals(span.getAttributes().get(OP)));
            assertThat(descends(route, call, byId)).as(describe(trace)).isTrue();
            assertThat(execution.getEndEpochNanos()).isGreaterThanOrEqualTo(call.getEndEpochNanos());
        }
        assertThat(calls).filteredOn(call -> call.startsWith(id + ":")).hasSize(2)
                .allSatisfy(call -> assertThat(call).contains(traceId));
    }

    private long received(String traceId, String channel) {
        return spansOf(traceId).stream().filter(span -> channel.equals(span.getName())
                && "EVENT_RECEIVED".equals(span.getAttributes().get(OP))).count();
    }

    /** The spans of {@code traceId}, once both steps of saga {@code sagaId} have ended in it. */
    private List<SpanData> awaitTrace(String traceId, String sagaId) {
        await().atMost(WAIT).until(() -> spansOf(traceId).stream()
                .filter(span -> sagaId.equals(span.getAttributes().get(SAGA_ID))).count() >= 4);
        return spansOf(traceId);
    }

    private List<SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private static SpanData only(List<SpanData> trace, java.util.function.Predicate<SpanData> which) {
        List<SpanData> found = trace.stream().filter(which).toList();
        assertThat(found).as(describe(trace)).hasSize(1);
        return found.get(0);
    }

    private static boolean descends(SpanData span, SpanData ancestor, Map<String, SpanData> byId) {
        for (Optional<SpanData> at = Optional.of(span); at.isPresent();
             at = Optional.ofNullable(byId.get(at.get().getParentSpanId()))) {
            if (at.get().getSpanId().equals(ancestor.getSpanId())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<SpanData> trace) {
        return trace.stream().map(span -> span.getSpanId() + " <- " + span.getParentSpanId() + " " + span.getName()
                + " " + span.getAttributes().asMap()).collect(Collectors.joining("\n", "spans:\n", ""));
    }

    private int port() {
        return URI.create(app.baseUrl()).getPort();
    }
}
