package io.edakit.routes.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.edakit.deadletter.FailureHeaders;
import io.edakit.eventstore.State;
import io.edakit.eventstore.StateQuery;
import io.edakit.eventstore.StateReader;
import io.edakit.eventstore.StoredEvent;
import io.edakit.routes.eventstore.EventStores;
import io.edakit.routes.eventstore.ReaderBeans;
import io.edakit.routes.router.SenderRouter;
import io.edakit.testing.PlainClient.PlainMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kamelets of the sender-router, saga, workflow and event-store templates, in Pipes and
 * {@code kamelet:} routes of the YAML DSL on Camel Main, with a plain JMS client of the embedded
 * broker on the channels' other side: every message sent is counted where it ended (delivered,
 * dead-lettered with the reason, or dropped as a duplicate).
 */
class KameletPatternsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration NOTHING_MORE = Duration.ofSeconds(2);

    @TempDir
    Path data;

    private BrokerApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theSenderRouterSinkSendsEachMessageToItsRulesChannelAndTheUnmatchedToTheDeadLetterChannel() throws Exception {
        app = new BrokerApp(data, Map.of("camel.main.routes-include-pattern", "classpath:kamelet-router/*.yaml")).start();
        int each = 10;
        for (int i = 0; i < each * 3; i++) {
            Map<String, String> headers = new HashMap<>(envelope("o-" + i, "order.created"));
            String body = switch (i % 3) {
                case 0 -> {
                    headers.put("ce_tenant", "bigco");
                    yield "{\"kind\": \"physical\"}";
                }
                case 1 -> "{\"kind\": \"digital\"}";
                default -> "{\"kind\": \"physical\"}";
            };
            headers.put("x_order", String.valueOf(i));
            headers.put("internal", "stays behind");
            app.jms().sendText("orders.in", body, headers, null);
        }
        List<PlainMessage> bigco = app.jms().take("orders.bigco", each, WAIT);
        List<PlainMessage> digital = app.jms().take("orders.digital", each, WAIT);
        List<PlainMessage> unrouted = app.jms().take("orders.unrouted", each, WAIT);

        assertThat(bigco).extracting(m -> m.headers().get("ce_id")).containsExactlyInAnyOrderElementsOf(ids(0, each));
        assertThat(digital).extracting(m -> m.headers().get("ce_id")).containsExactlyInAnyOrderElementsOf(ids(1, each));
        assertThat(unrouted).extracting(m -> m.headers().get("ce_id")).containsExactlyInAnyOrderElementsOf(ids(2, each));
        assertThat(bigco).allSatisfy(m -> assertThat(m.headers())
                .containsEntry(SenderRouter.RULE_HEADER, "${header.ce_tenant} == 'bigco' -> orders.bigco")
                .containsKey("x_order").doesNotContainKey("internal"));
        assertThat(unrouted).allSatisfy(m -> assertThat(m.headers())
                .containsEntry(FailureHeaders.MESSAGE, SenderRouter.NO_RULE)
                .containsEntry(FailureHeaders.EXCEPTION, "io.edakit.routes.router.UnroutedMessageException"));
        for (String channel : List.of("orders.bigco", "orders.digital", "orders.unrouted", "orders.in")) {
            assertThat(app.jms().take(channel, 1, NOTHING_MORE)).as(channel).isEmpty();
        }
    }

    @Test
    void theSagaSinkInAPipeRunsOneSagaPerStartAndCompensatesTheDeclinedOnes() throws Exception {
        app = new BrokerApp(data, Map.of("camel.main.routes-include-pattern", "classpath:kamelet-saga/*.yaml")).start();
        int sagas = 12;
        List<String> declined = new ArrayList<>();
        for (int i = 0; i < sagas; i++) {
            boolean decline = i % 4 == 0;
            if (decline) {
                declined.add("s-" + i);
            }
            app.jms().sendText("order.starts", decline ? "{\"card\": \"decline\"}" : "{\"card\": \"ok\"}",
                    envelope("s-" + i, "order.placed"), null);
        }
        // a start delivered twice is one saga
        for (int i = 0; i < 3; i++) {
            app.jms().sendText("order.starts", "{\"card\": \"ok\"}", envelope("s-" + (i * 4 + 1), "order.placed"), null);
        }
        List<PlainMessage> outcomes = app.jms().take("order.outcomes", sagas, WAIT);
        assertThat(outcomes).extracting(m -> m.headers().get("ce_subject")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, sagas).mapToObj(i -> "s-" + i).toList());
        assertThat(outcomes).filteredOn(m -> "edakit.saga.compensated".equals(m.headers().get("ce_type")))
                .extracting(m -> m.headers().get("ce_subject")).containsExactlyInAnyOrderElementsOf(declined);
        assertThat(outcomes).filteredOn(m -> "edakit.saga.completed".equals(m.headers().get("ce_type")))
                .hasSize(sagas - declined.size());
        // each saga reserved once; the declined ones released their reservation
        assertThat(app.jms().take("stock.reserved", sagas, WAIT)).hasSize(sagas);
        assertThat(app.jms().take("stock.released", declined.size(), WAIT)).hasSize(declined.size());
        for (String channel : List.of("order.outcomes", "stock.reserved", "stock.released", "order.starts")) {
            assertThat(app.jms().take(channel, 1, NOTHING_MORE)).as(channel).isEmpty();
        }
    }

    @Test
    void theWorkflowSinkStartsOneExecutionPerStartAndDeadLettersABodyThatIsNoJson() throws Exception {
        Path definition = Path.of("src/test/resources/kamelet-workflow/ship.asl.json").toAbsolutePath();
        app = new BrokerApp(data, Map.of("camel.main.routes-include-pattern", "classpath:kamelet-workflow/*.yaml",
                "test.ship-definition", definition.toString())).start();
        int executions = 8;
        for (int i = 0; i < executions; i++) {
            app.jms().sendText("ship.starts", "{\"weight\": " + (i % 2 == 0 ? 10 : 40) + "}", envelope("w-" + i, "parcel"), null);
        }
        app.jms().sendText("ship.starts", "{\"weight\": 10}", envelope("w-0", "parcel"), null);
        app.jms().sendText("ship.starts", "not json", envelope("w-bad", "parcel"), null);

        List<PlainMessage> outcomes = app.jms().take("ship.outcomes", executions, WAIT);
        assertThat(outcomes).extracting(m -> m.headers().get("ce_subject")).doesNotHaveDuplicates().hasSize(executions);
        assertThat(outcomes).filteredOn(m -> "edakit.workflow.succeeded".equals(m.headers().get("ce_type")))
                .extracting(m -> m.headers().get("ce_subject")).containsExactlyInAnyOrder("w-0", "w-2", "w-4", "w-6");
        assertThat(outcomes).filteredOn(m -> "edakit.workflow.failed".equals(m.headers().get("ce_type")))
                .extracting(m -> m.headers().get("ce_subject")).containsExactlyInAnyOrder("w-1", "w-3", "w-5", "w-7");
        // the task's answer is in the output
        assertThat(outcomes).filteredOn(m -> "w-0".equals(m.headers().get("ce_subject")))
                .singleElement().satisfies(m -> assertThat(m.text()).contains("\"carrier\"").contains("post"));
        List<PlainMessage> dead = app.jms().take("ship.dlq", 1, WAIT);
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.headers()).containsEntry("ce_id", "w-bad");
            assertThat(m.headers().get(FailureHeaders.MESSAGE)).contains("not JSON");
            assertThat(m.text()).isEqualTo("not json");
        });
        for (String channel : List.of("ship.outcomes", "ship.dlq", "ship.starts")) {
            assertThat(app.jms().take(channel, 1, NOTHING_MORE)).as(channel).isEmpty();
        }
    }

    @Test
    void theEventStoreSinkAppendsOncePublishesInPositionOrderAndDeadLettersConflicts() throws Exception {
        app = new BrokerApp(data, Map.of("camel.main.routes-include-pattern", "classpath:kamelet-event-store/*.yaml"))
                .start();
        List<String> streams = List.of("order-A", "order-B", "order-C");
        int perStream = 4;
        for (int version = 1; version <= perStream; version++) {
            for (String stream : streams) {
                app.jms().sendText("order-events.in", "{\"step\": " + version + "}", event(stream + "-" + version, stream),
                        null);
            }
        }
        // two events sent again: stored once
        app.jms().sendText("order-events.in", "{\"step\": 1}", event("order-A-1", "order-A"), null);
        app.jms().sendText("order-events.in", "{\"step\": 2}", event("order-B-2", "order-B"), null);
        // order-A is at version 4, not 2; and an event that names no stream
        Map<String, String> conflicting = new HashMap<>(event("order-A-late", "order-A"));
        conflicting.put("expected", "2");
        app.jms().sendText("order-events.in", "{}", conflicting, null);
        app.jms().sendText("order-events.in", "{}", envelope("no-stream", "order.changed"), null);

        int stored = streams.size() * perStream;
        List<PlainMessage> published = app.jms().take("order-events", stored, WAIT);
        assertThat(published).extracting(m -> m.headers().get("ce_id")).doesNotHaveDuplicates().hasSize(stored);
        // gap-free global positions, in the order published; each stream's versions 1..4 in order
        assertThat(published).extracting(m -> Long.parseLong(m.headers().get("edakit_position")))
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, stored).boxed().toList());
        for (String stream : streams) {
            assertThat(published).filteredOn(m -> stream.equals(m.headers().get("edakit_stream")))
                    .extracting(m -> m.headers().get("edakit_version")).containsExactly("1", "2", "3", "4");
        }
        List<PlainMessage> dead = app.jms().take("order-events.dlq", 2, WAIT);
        assertThat(dead).extracting(m -> m.headers().get("ce_id")).containsExactlyInAnyOrder("order-A-late", "no-stream");
        assertThat(dead).filteredOn(m -> "order-A-late".equals(m.headers().get("ce_id"))).singleElement()
                .satisfies(m -> assertThat(m.headers().get(FailureHeaders.MESSAGE)).startsWith("conflict"));
        assertThat(dead).filteredOn(m -> "no-stream".equals(m.headers().get("ce_id"))).singleElement()
                .satisfies(m -> assertThat(m.headers().get(FailureHeaders.MESSAGE)).contains("no stream id"));
        for (String channel : List.of("order-events", "order-events.dlq", "order-events.in")) {
            assertThat(app.jms().take(channel, 1, NOTHING_MORE)).as(channel).isEmpty();
        }
    }

    @Test
    void theEventStoreSinksSnapshotsReadOldRevisionsThroughTheDeclaredUpcasters() throws Exception {
        app = new BrokerApp(data, Map.of("camel.main.routes-include-pattern",
                "classpath:kamelet-event-store-upcast/*.yaml")).start();
        String stream = "order-U";
        String[] revisions = {"{\"cents\": 1250}", "{\"total\": 3}", "{\"total\": 5, \"currency\": \"EUR\"}",
                "{\"cents\": 250}"};
        for (int i = 0; i < revisions.length; i++) {
            Map<String, String> headers = new HashMap<>(envelope("placed-" + i, "order.placed"));
            headers.put("ce_subject", stream);
            headers.put("ce_revision", String.valueOf(i % 3 + 1));
            app.jms().sendText("order-totals.in", revisions[i], headers, null);
        }
        org.apache.camel.CamelContext camel = app.main.getCamelContext();
        // the reader the Kamelet's values make, outside it: the snapshot it finds is the Kamelet's
        try (StateReader reader = new StateReader(EventStores.forContext(camel),
                ReaderBeans.fold("fold", "{\"total\": ($state.total ? $state.total : 0) + total, \"currency\": currency}",
                        camel.getRegistry()),
                ReaderBeans.upcasters("upcasters", "order.placed@1={\"total\": cents / 100}; "
                        + "order.placed@2=$merge([$, {\"currency\": \"EUR\"}])", camel.getRegistry()), 0)) {
            org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
                    reader.state(stream, StateQuery.latest()).snapshotVersion() == 4);
            State state = reader.state(stream, StateQuery.latest());
            assertThat(state.version()).isEqualTo(4);
            assertThat(state.folded()).as("all from the Kamelet's snapshot").isEmpty();
            assertThat(state.value().get("total").asDouble()).isEqualTo(12.5 + 3 + 5 + 2.5);
            assertThat(state.value().get("currency").asText()).isEqualTo("EUR");
        }
        assertThat(EventStores.forContext(camel).readStream(stream, 1, 10)).extracting(StoredEvent::revision)
                .as("stored as sent, never rewritten").containsExactly(1, 2, 3, 1);
        assertThat(app.jms().take("order-totals.in", 1, NOTHING_MORE)).isEmpty();
    }

    @Test
    void aValueThatCannotWorkStopsTheStartNamingTheKameletAndTheParameter() throws Exception {
        assertThat(startFailure("kamelet:edakit-sender-router-sink?rules=RAW(${header.ce_tenant} == 'bigco')"))
                .contains("Kamelet edakit-sender-router-sink: parameter 'rules': ");
        assertThat(startFailure("kamelet:edakit-sender-router-sink?rules=RAW(true -> a)&unmatched=default"))
                .contains("Kamelet edakit-sender-router-sink: parameter 'default-channel': required when unmatched=default");
        assertThat(startFailure("kamelet:edakit-saga-sink?saga=order&steps=RAW(reserve=nope:reserve)"))
                .contains("Kamelet edakit-saga-sink (saga order): step 'reserve' action: ");
        // the saga's own timeout reaches it as sagaTimeout (timeout is the kamelet: endpoint's option)
        assertThat(startFailure("kamelet:edakit-saga-sink?saga=order&steps=RAW(reserve=direct:reserve)&sagaTimeout=0"))
                .contains("Kamelet edakit-saga-sink: parameter 'saga-timeout': ");
        assertThat(startFailure("kamelet:edakit-event-store-sink?store=orders&snapshotEvery=some"))
                .contains("Kamelet edakit-event-store-sink: parameter 'snapshot-every': ");
        assertThat(startFailure("kamelet:edakit-event-store-sink?store=orders&upcasters=RAW(t@1=a; t@3=b)"))
                .contains("Kamelet edakit-event-store-sink: upcasters=t@1=a; t@3=b: no upcaster for t revision 2");
        assertThat(startFailure("kamelet:edakit-event-store-sink?store=orders&upcasters=RAW(#nothing)"))
                .contains("Kamelet edakit-event-store-sink: upcasters=#nothing: no bean named 'nothing'");
    }

    /** The message of the failure that stops an application whose one route sends to {@code uri}. */
    private String startFailure(String uri) throws Exception {
        Path routes = Files.createTempDirectory(data, "routes").resolve("route.yaml");
        Files.writeString(routes, """
                - route:
                    from:
                      uri: "direct:in"
                      steps:
                        - to: "%s"
                """.formatted(uri.replace("\\", "\\\\").replace("\"", "\\\"")));
        BrokerApp failing = new BrokerApp(Files.createTempDirectory(data, "broker"),
                Map.of("camel.main.routes-include-pattern", "file:" + routes));
        try {
            failing.start();
            throw new AssertionError("started with " + uri);
        } catch (Exception e) {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            return messages.toString();
        } finally {
            failing.close();
        }
    }

    private static Map<String, String> event(String id, String stream) {
        Map<String, String> headers = new HashMap<>(envelope(id, "order.changed"));
        headers.put("ce_subject", stream);
        return headers;
    }

    private static List<String> ids(int remainder, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "o-" + (i * 3 + remainder)).toList();
    }

    private static Map<String, String> envelope(String id, String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/shop", "ce_type", type);
    }
}
