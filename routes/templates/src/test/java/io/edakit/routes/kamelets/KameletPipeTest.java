package io.edakit.routes.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.edakit.testing.PlainClient.PlainMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pipe and a route of the YAML DSL, run by Camel Main with edakit's Kamelets from the library's
 * {@code kamelets/}, move messages over edakit channels on the embedded broker; a plain JMS client
 * sends on one side and counts on the other. The idempotent consumer source drops the duplicates.
 */
class KameletPipeTest {

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
    void aPipeAndAKameletRouteMoveEveryMessageOnceOverChannels() throws Exception {
        app = new BrokerApp(data, Map.of("camel.main.routes-include-pattern", "classpath:kamelet-test/*.yaml")).start();

        int orders = 30;
        int duplicates = 10;
        for (int i = 0; i < orders; i++) {
            app.jms().sendText("orders", "{\"order\": " + i + "}", envelope("order-" + i), null);
        }
        for (int i = 0; i < duplicates; i++) {
            app.jms().sendText("orders", "{\"order\": " + i + "}", envelope("order-" + i), null);
        }

        List<PlainMessage> billed = app.jms().take("billed", orders, Duration.ofSeconds(60));
        assertThat(billed).hasSize(orders);
        assertThat(billed).extracting(m -> m.headers().get("ce_id")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, orders)
                        .mapToObj(i -> "order-" + i).toList());
        // the envelope travels through both sinks; a CloudEvent keeps its own type and source
        assertThat(billed).allSatisfy(m -> {
            assertThat(m.headers()).containsEntry("ce_type", "order.placed").containsEntry("ce_source", "/shop");
            assertThat(m.text()).startsWith("{\"order\": ");
        });
        // the ten duplicates were dropped, not delayed: nothing more arrives
        assertThat(app.jms().take("billed", 1, Duration.ofSeconds(2))).isEmpty();
        assertThat(app.main.getCamelContext().getRoutes()).extracting(r -> r.getRouteId())
                .contains("orders-to-billing", "billing");
    }

    private static Map<String, String> envelope(String id) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/shop", "ce_type", "order.placed");
    }
}
