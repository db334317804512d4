package io.edakit.routes.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.edakit.deadletter.FailureHeaders;
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

    private static List<String> ids(int remainder, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "o-" + (i * 3 + remainder)).toList();
    }

    private static Map<String, String> envelope(String id, String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/shop", "ce_type", type);
    }
}
