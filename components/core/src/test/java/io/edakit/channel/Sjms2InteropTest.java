package io.edakit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.edakit.testing.PlainJmsClient;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sjms2.Sjms2Component;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Camel's {@code sjms2:} component (JMS 2.0 without Spring) on either side of a channel on the
 * embedded Artemis broker, addressed as {@link ArtemisInteropTest} addresses it with {@code jms:}:
 * {@code sjms2:topic:<channel>} sends to the channel, {@code sjms2:queue:<channel>::<channel>} reads
 * it. Envelope headers and ordering keys travel both ways; every message sent is counted once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Sjms2InteropTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MESSAGES = 20;

    private InteropBroker broker;
    private CamelContext context;
    private ProducerTemplate producer;
    private PlainJmsClient jms;

    @BeforeAll
    void start() throws Exception {
        broker = InteropBroker.start("edakit-sjms2-");
        context = broker.context;
        producer = context.createProducerTemplate();
        jms = broker.jms;
        // sjms2 as a Camel application next to edakit configures it: a connection factory of the broker
        Sjms2Component sjms2 = new Sjms2Component();
        sjms2.setConnectionFactory(jms.factory());
        context.addComponent("sjms2", sjms2);
    }

    @AfterAll
    void stop() throws Exception {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void camelSjms2ProducersReachAChannelWithTheirEnvelopeAndKey() throws Exception {
        String orders = "sjms2-in";
        List<org.apache.camel.Message> received = ChannelRecorder.record(context, orders);
        for (int i = 0; i < MESSAGES; i++) {
            producer.sendBodyAndHeaders("sjms2:topic:" + orders, "{\"n\":" + i + "}", Map.of("ce_id", "s-" + i,
                    "ce_type", "order.created", "ce_source", "/sjms2", "ce_specversion", "1.0",
                    "JMSXGroupID", "customer-" + (i % 3)));
        }
        await().atMost(WAIT).until(() -> received.size() >= MESSAGES);
        assertThat(received).extracting(m -> m.getHeader("ce_id", String.class))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, MESSAGES).mapToObj(i -> "s-" + i).toList());
        org.apache.camel.Message seven = ChannelRecorder.byId(received, "s-7");
        assertThat(seven.getBody(String.class)).isEqualTo("{\"n\":7}");
        assertThat(seven.getHeaders()).containsEntry("ce_type", "order.created").containsEntry("ce_source", "/sjms2")
                .containsEntry(ChannelHeaders.KEY, "customer-1");
        // each was delivered once: nothing more comes
        assertThat(jms.take(orders, 1, Duration.ofSeconds(1))).isEmpty();
        assertThat(received).hasSize(MESSAGES);
    }

    @Test
    void aCamelSjms2ConsumerReadsWhatAChannelSendsAndAcknowledgesAfterItsRoute() throws Exception {
        String outbound = "sjms2-out";
        // edakit's first send creates the channel's queue; the sjms2 consumer reads it once it exists
        producer.sendBodyAndHeaders("channel:" + outbound, "{\"n\":0}", envelope(0));
        List<Exchange> taken = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // transacted: the message is acknowledged once the route finished; the first attempt of
                // s-3 fails and the broker delivers it again
                from("sjms2:queue:" + outbound + "::" + outbound + "?transacted=true").routeId("sjms2-reader")
                        .process(e -> {
                            if ("s-3".equals(e.getMessage().getHeader("ce_id"))
                                    && taken.stream().noneMatch(t -> "s-3".equals(t.getMessage().getHeader("ce_id")))) {
                                taken.add(e.copy());
                                throw new IllegalStateException("first attempt fails");
                            }
                            taken.add(e.copy());
                        });
            }
        });
        for (int i = 1; i < MESSAGES; i++) {
            producer.sendBodyAndHeaders("channel:" + outbound, "{\"n\":" + i + "}", envelope(i));
        }
        await().atMost(WAIT).until(() -> taken.size() >= MESSAGES + 1);
        List<String> ids = taken.stream().map(e -> e.getMessage().getHeader("ce_id", String.class)).toList();
        List<String> expected = new ArrayList<>(IntStream.range(0, MESSAGES).mapToObj(i -> "s-" + i).toList());
        expected.add("s-3"); // its redelivery
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
        org.apache.camel.Message five = taken.stream().map(Exchange::getMessage)
                .filter(m -> "s-5".equals(m.getHeader("ce_id"))).findFirst().orElseThrow();
        assertThat(five.getBody(String.class)).isEqualTo("{\"n\":5}");
        assertThat(five.getHeaders()).containsEntry("ce_type", "order.created").containsEntry("ce_specversion", "1.0")
                .containsEntry("JMSXGroupID", "order-5");
        // nothing left on the queue, nothing more delivered
        context.getRouteController().stopRoute("sjms2-reader");
        assertThat(jms.take(outbound, 1, Duration.ofSeconds(1))).isEmpty();
        assertThat(taken).hasSize(MESSAGES + 1);
    }

    private static Map<String, Object> envelope(int i) {
        return Map.of("ce_id", "s-" + i, "ce_type", "order.created", "ce_source", "/shop", "ce_specversion", "1.0",
                ChannelHeaders.KEY, "order-" + i);
    }
}
