package io.edakit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edakit.testing.PlainClient.PlainMessage;
import io.edakit.testing.PlainJmsClient;
import io.edakit.transport.ChannelAdmin;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.artemis.ArtemisTransport;
import jakarta.jms.Connection;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Channels on Artemis against outside JMS clients: every JMS message type a plain producer sends
 * arrives as its text or bytes, Camel's {@code jms:} component sits on either side of a channel,
 * and request-reply works with JMS requesters and responders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArtemisInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger CHANNELS = new AtomicInteger();

    private final ObjectMapper json = new ObjectMapper();
    private InteropBroker broker;
    private CamelContext context;
    private ProducerTemplate producer;
    private PlainJmsClient jms;

    @BeforeAll
    void start() throws Exception {
        broker = InteropBroker.start("edakit-interop-");
        context = broker.context;
        producer = context.createProducerTemplate();
        jms = broker.jms;
        // Camel's jms: component, as a Camel application next to edakit would configure it
        context.addComponent("jms", JmsComponent.jmsComponent(jms.factory()));
    }

    @AfterAll
    void stop() throws Exception {
        if (broker != null) {
            broker.stop();
        }
    }

    private ArtemisTransport transport() {
        return InteropBroker.transport(context);
    }

    private static String channel(String base) {
        return "interop-" + base + "-" + CHANNELS.incrementAndGet();
    }

    private List<org.apache.camel.Message> consume(String channel) throws Exception {
        return ChannelRecorder.record(context, channel);
    }

    private static org.apache.camel.Message byId(List<org.apache.camel.Message> received, String id) {
        return ChannelRecorder.byId(received, id);
    }

    @Test
    void everyJmsMessageTypeArrivesAsTextBytesOrJson() throws Exception {
        String orders = channel("types");
        List<org.apache.camel.Message> received = consume(orders);

        MapMessage map = jms.session().createMapMessage();
        map.setString("name", "ACME");
        map.setInt("n", 4);
        map.setBoolean("rush", true);
        map.setDouble("amount", 9.5);
        map.setChar("grade", 'A');
        map.setBytes("raw", new byte[] {1, 2, 3});
        jms.send(orders, map, Map.of("ce_id", "map"), null);

        StreamMessage stream = jms.session().createStreamMessage();
        stream.writeString("first");
        stream.writeLong(42L);
        stream.writeBoolean(false);
        jms.send(orders, stream, Map.of("ce_id", "stream"), null);

        ObjectMessage object = jms.session().createObjectMessage(new java.util.ArrayList<>(List.of("a", "b")));
        jms.send(orders, object, Map.of("ce_id", "object"), null);

        Message typed = jms.session().createMessage(); // no body, properties of several types
        typed.setIntProperty("attempt", 3);
        typed.setLongProperty("sequence", 1234567890123L);
        typed.setBooleanProperty("urgent", true);
        typed.setJMSCorrelationID("corr-1");
        jms.send(orders, typed, Map.of("ce_id", "typed"), "group-7");

        await().atMost(WAIT).until(() -> received.size() >= 4);
        assertThat(received).hasSize(4);

        JsonNode mapBody = json.readTree(byId(received, "map").getBody(byte[].class));
        assertThat(mapBody.toString())
                .isEqualTo("{\"amount\":9.5,\"grade\":\"A\",\"n\":4,\"name\":\"ACME\",\"raw\":\"AQID\",\"rush\":true}");
        assertThat(json.readTree(byId(received, "stream").getBody(byte[].class)).toString())
                .isEqualTo("[\"first\",42,false]");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(byId(received, "object").getBody(byte[].class)))) {
            assertThat(in.readObject()).isEqualTo(List.of("a", "b"));
        }
        org.apache.camel.Message properties = byId(received, "typed");
        assertThat(properties.getBody(byte[].class)).isEmpty();
        assertThat(properties.getHeaders()).containsEntry("attempt", "3").containsEntry("sequence", "1234567890123")
                .containsEntry("urgent", "true").containsEntry(ChannelHeaders.KEY, "group-7")
                .doesNotContainKeys("JMSCorrelationID", "__AMQ_CID", "_AMQ_GROUP_ID");
    }

    @Test
    void camelJmsProducersReachChannelsAsTextBytesAndJson() throws Exception {
        String orders = channel("camel-in");
        List<org.apache.camel.Message> received = consume(orders);
        String topic = "jms:topic:" + orders;
        producer.sendBodyAndHeaders(topic, "{\"n\":4}", Map.of("ce_id", "text", "x-tenant", "acme", "shop.region", "eu",
                "JMSXGroupID", "customer-9"));
        producer.sendBodyAndHeaders(topic, new byte[] {0, (byte) 0xff}, Map.of("ce_id", "bytes"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sku", "X-1");
        fields.put("qty", 2);
        producer.sendBodyAndHeaders(topic, fields, Map.of("ce_id", "map"));

        await().atMost(WAIT).until(() -> received.size() >= 3);
        org.apache.camel.Message text = byId(received, "text");
        assertThat(text.getBody(String.class)).isEqualTo("{\"n\":4}");
        // Camel writes x-tenant and shop.region as x_HYPHEN_tenant and shop_DOT_region; they arrive as Camel sent them
        assertThat(text.getHeaders()).containsEntry("x-tenant", "acme").containsEntry("shop.region", "eu")
                .containsEntry(ChannelHeaders.KEY, "customer-9");
        assertThat(byId(received, "bytes").getBody(byte[].class)).isEqualTo(new byte[] {0, (byte) 0xff});
        assertThat(json.readTree(byId(received, "map").getBody(byte[].class)).toString()).isEqualTo("{\"qty\":2,\"sku\":\"X-1\"}");
    }

    @Test
    void plainJmsAndCamelJmsConsumersReadWhatAChannelSends() throws Exception {
        String outbound = channel("out");
        String camelSide = channel("out-camel");
        Map<String, Object> headers = Map.of("ce_id", "evt-1", "ce_type", "order.created", "ce_specversion", "1.0",
                "ce_datacontenttype", "application/json", "tenant", "acme", "x-trace", "t-1", ChannelHeaders.KEY, "order-1");
        producer.sendBodyAndHeaders("channel:" + outbound, "{\"orderId\":1}", headers);
        // edakit's first send creates the channel's queue; a JMS consumer reads it once it exists
        producer.sendBodyAndHeaders("channel:" + camelSide, "{\"orderId\":2}", headers);
        List<Exchange> camelReceived = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + camelSide + "::" + camelSide).process(e -> camelReceived.add(e.copy()));
            }
        });

        List<PlainMessage> taken = jms.take(outbound, 1, WAIT);
        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).text()).isEqualTo("{\"orderId\":1}"); // a BytesMessage with the body's bytes
        assertThat(taken.get(0).key()).isEqualTo("order-1");
        assertThat(taken.get(0).headers()).containsEntry("ce_id", "evt-1").containsEntry("ce_type", "order.created")
                .containsEntry("ce_datacontenttype", "application/json").containsEntry("x-trace", "t-1")
                .containsEntry("JMSXGroupID", "order-1");

        await().atMost(WAIT).until(() -> camelReceived.size() == 1);
        org.apache.camel.Message viaCamel = camelReceived.get(0).getMessage();
        assertThat(viaCamel.getBody(String.class)).isEqualTo("{\"orderId\":2}");
        assertThat(viaCamel.getHeaders()).containsEntry("ce_id", "evt-1").containsEntry("tenant", "acme")
                .containsEntry("x-trace", "t-1").containsEntry("JMSXGroupID", "order-1");
    }

    @Test
    void camelJmsRequestersAndRespondersTalkRequestReplyWithChannels() throws Exception {
        String service = channel("svc");
        String remote = channel("remote");
        producer.sendBody("channel:" + remote, "one-way"); // creates the channel's queue before the JMS responder reads it
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("channel:" + service).setBody(simple("re:${body}"));
                from("jms:queue:" + remote + "::" + remote).setBody(simple("answered:${body}"));
            }
        });
        await().atMost(WAIT).until(() -> jms.receivers(service).contains(service));
        assertThat(producer.requestBody("jms:topic:" + service + "?requestTimeout=20000", "q-1", String.class))
                .isEqualTo("re:q-1");
        assertThat(producer.requestBody("channel:" + remote + "?persistent=false&requestTimeout=20000", "ping", String.class))
                .isEqualTo("answered:ping");
    }

    @Test
    void aJmsRequesterWaitingOnATemporaryTopicGetsItsReply() throws Exception {
        String service = channel("topic-svc");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("channel:" + service).setBody(simple("re:${body}"));
            }
        });
        await().atMost(WAIT).until(() -> jms.receivers(service).contains(service));
        try (Connection connection = jms.factory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryTopic replies = session.createTemporaryTopic();
            MessageConsumer consumer = session.createConsumer(replies);
            TextMessage request = session.createTextMessage("q-topic");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("corr-topic");
            session.createProducer(session.createTopic(service)).send(request);
            Message reply = consumer.receive(WAIT.toMillis());
            assertThat(reply).isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo("corr-topic");
            assertThat(PlainJmsClient.read(reply).text()).isEqualTo("re:q-topic");
        }
    }

    /** Camel's CloudEvents header names (camel-cloudevents, Knative) become the envelope, and come back beside it. */
    @Test
    void camelsCloudEventHeaderNamesMapToTheEnvelopeBothWays() throws Exception {
        String outbound = channel("camel-names-out");
        String inbound = channel("camel-names-in");
        Map<String, Object> camelNames = Map.of("CamelCloudEventID", "evt-7", "CamelCloudEventSource", "/shop",
                "CamelCloudEventType", "order.placed", "CamelCloudEventVersion", "1.0",
                "CamelCloudEventTime", java.time.OffsetDateTime.parse("2026-12-01T10:15:00Z"),
                "CamelCloudEventDataContentType", "application/json", "ce_subject", "order-7");
        producer.sendBodyAndHeaders("channel:" + outbound, "{\"orderId\":7}", camelNames); // creates the queue
        producer.sendBodyAndHeaders("channel:" + outbound, "{\"orderId\":8}",
                Map.of("CamelCloudEventID", "ignored", "ce_id", "evt-8", "CamelCloudEventType", "order.placed"));
        List<Exchange> camelJms = Collections.synchronizedList(new ArrayList<>());
        List<org.apache.camel.Message> onChannel = consume(inbound);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + outbound + "::" + outbound).process(e -> camelJms.add(e.copy()));
            }
        });
        await().atMost(WAIT).until(() -> camelJms.size() == 2);
        Map<String, Object> seven = camelJms.stream().map(e -> e.getMessage().getHeaders())
                .filter(h -> "evt-7".equals(h.get("ce_id"))).findFirst().orElseThrow();
        assertThat(seven).containsEntry("ce_source", "/shop").containsEntry("ce_type", "order.placed")
                .containsEntry("ce_specversion", "1.0").containsEntry("ce_time", "2026-12-01T10:15:00Z")
                .containsEntry("ce_datacontenttype", "application/json").containsEntry("ce_subject", "order-7");
        assertThat(seven.keySet()).noneMatch(name -> name.startsWith("CamelCloudEvent"));
        assertThat(camelJms.stream().map(e -> e.getMessage().getHeader("ce_id"))).contains("evt-8"); // ce_* wins

        // a plain camel-jms route writing ce_* properties: a channel's consumer sees Camel's names too
        producer.sendBodyAndHeaders("jms:topic:" + inbound, "{\"orderId\":9}", Map.of("ce_id", "evt-9",
                "ce_type", "order.placed", "ce_source", "/legacy", "ce_specversion", "1.0"));
        await().atMost(WAIT).until(() -> onChannel.size() == 1);
        assertThat(onChannel.get(0).getHeaders()).containsEntry("CamelCloudEventID", "evt-9")
                .containsEntry("CamelCloudEventType", "order.placed").containsEntry("CamelCloudEventSource", "/legacy")
                .containsEntry("CamelCloudEventVersion", "1.0").containsEntry("ce_id", "evt-9");
    }

    @Test
    void aTextMessageWaitingOnAChannelIsShownAsItsText() throws Exception {
        String deadLetters = channel("waiting") + ".dlq";
        producer.sendBody("channel:" + deadLetters, "created"); // edakit's send creates the channel's queue
        jms.sendText(deadLetters, "{\"n\":4}", Map.of("ce_id", "evt-4"), null);
        try (ChannelAdmin admin = transport().admin()) {
            await().atMost(WAIT).until(() -> admin.peek(deadLetters, 10).size() == 2);
            List<ChannelMessage> shown = admin.peek(deadLetters, 10);
            assertThat(shown).extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("created", "{\"n\":4}");
        }
    }
}
