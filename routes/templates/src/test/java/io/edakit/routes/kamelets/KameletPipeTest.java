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

    @Test
    void aFailureInTheRouteUsingTheSourceGoesToThatRoutesDeadLetterChannelAndTheRestGoOn() throws Exception {
        app = new BrokerApp(data, Map.of("camel.main.routes-include-pattern", "classpath:kamelet-failures/*.yaml"))
                .start();
        for (int i = 0; i < 10; i++) {
            app.jms().sendText("flaky", "{}", envelope((i % 3 == 0 ? "bad-" : "good-") + i), null);
        }
        List<PlainMessage> out = app.jms().take("flaky.out", 6, Duration.ofSeconds(60));
        List<PlainMessage> dead = app.jms().take("flaky.dlq", 4, Duration.ofSeconds(60));
        assertThat(out).extracting(m -> m.headers().get("ce_id"))
                .containsExactlyInAnyOrder("good-1", "good-2", "good-4", "good-5", "good-7", "good-8");
        assertThat(dead).extracting(m -> m.headers().get("ce_id"))
                .containsExactlyInAnyOrder("bad-0", "bad-3", "bad-6", "bad-9");
        // each was acknowledged once it was dead-lettered: nothing comes back
        assertThat(app.jms().take("flaky.out", 1, Duration.ofSeconds(2))).isEmpty();
        assertThat(app.jms().take("flaky.dlq", 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void theEventFilterActionPassesOnlyTheEventsItsPatternMatches() throws Exception {
        app = new BrokerApp(data, Map.of("camel.main.routes-include-pattern", "classpath:kamelet-filter/*.yaml")).start();
        List<String> tenants = List.of("eu-west", "us-east", "eu-north", "eu-south");
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String type = i % 2 == 0 ? "order.created" : "order.cancelled";
            String tenant = tenants.get((i / 2) % 4);
            Map<String, String> headers = new java.util.HashMap<>(envelope("e-" + i));
            headers.put("ce_type", type);
            headers.put("ce_tenant", tenant);
            app.jms().sendText("all-orders", "{}", headers, null);
            if (type.equals("order.created") && (tenant.equals("eu-west") || tenant.equals("eu-north"))) {
                expected.add("e-" + i);
            }
        }
        List<PlainMessage> passed = app.jms().take("eu-orders", expected.size(), Duration.ofSeconds(60));
        assertThat(passed).extracting(m -> m.headers().get("ce_id")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).hasSize(4);
        assertThat(app.jms().take("eu-orders", 1, Duration.ofSeconds(2))).isEmpty();
    }

    private static Map<String, String> envelope(String id) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/shop", "ce_type", "order.placed");
    }

    @Test
    void theRequestReplyActionGetsEachReplyOfTheResponderSource() throws Exception {
        app = new BrokerApp(data, Map.of("camel.main.routes-include-pattern", "classpath:kamelet-request-reply/*.yaml"))
                .start();
        org.apache.camel.ProducerTemplate ask = app.main.getCamelContext().createProducerTemplate();
        for (int i = 0; i < 10; i++) {
            org.apache.camel.Exchange reply = ask.request("direct:ask", e -> e.getMessage().setBody("item-" + e.getExchangeId()));
            assertThat(reply.getException()).isNull();
            assertThat(reply.getMessage().getBody(String.class)).startsWith("quote for item-");
            assertThat(reply.getMessage().getHeader("x-price", String.class)).isEqualTo("12");
            // the request's envelope, completed by the action, comes back with the reply
            assertThat(reply.getMessage().getHeader("ce_type", String.class)).isEqualTo("quote.requested");
        }
    }

    @Test
    void theRequestReplyActionWaitsItsReplyTimeoutNotTheDefault() throws Exception {
        // `timeout` is the kamelet: endpoint's own option (the component would keep it): the action's is replyTimeout
        app = new BrokerApp(data, Map.of("camel.main.routes-include-pattern", "classpath:kamelet-request-reply/*.yaml"))
                .start();
        org.apache.camel.Exchange reply = app.main.getCamelContext().createProducerTemplate()
                .request("direct:ask-nobody", e -> e.getMessage().setBody("anyone?"));
        assertThat(reply.getException()).isInstanceOf(org.apache.camel.ExchangeTimedOutException.class)
                .hasMessageContaining("200 millis");
    }
}
