package io.edakit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.edakit.broker.kafka.SharedKafkaBroker;
import io.edakit.envelope.EventEnvelope;
import io.edakit.testing.PlainKafkaClient;
import io.edakit.testing.SdkEvents;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Channels on Kafka against outside clients: the CloudEvents SDK's Kafka binding (binary mode) on
 * both sides with every attribute, records edakit wrote before it followed the binding, and
 * Camel's {@code kafka:} component on both sides with strings and bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger CHANNELS = new AtomicInteger();
    /**
     * camel-kafka's consumer stops only once its current poll returns, twice (pause, then stop): with
     * its default poll timeout of 5 s that made up most of this class's teardown (~9 s for two routes).
     */
    static final String CAMEL_KAFKA_POLL = "&pollTimeoutMs=200";

    private CamelContext context;
    private ProducerTemplate producer;
    private PlainKafkaClient plain;
    private String brokers;

    @BeforeAll
    void start() {
        brokers = SharedKafkaBroker.bootstrapServers();
        Properties props = new Properties();
        props.setProperty("edakit.transport", "kafka");
        props.setProperty("edakit.kafka.bootstrap-servers", brokers);
        props.setProperty("edakit.instance-id", "kafka-interop");
        props.setProperty("edakit.kafka.properties.heartbeat.interval.ms", "300");
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(props);
        context.start();
        producer = context.createProducerTemplate();
        plain = new PlainKafkaClient(brokers);
    }

    @AfterAll
    void stop() {
        context.stop();
        if (plain != null) {
            plain.close();
        }
    }

    private static String channel(String base) {
        return "kafka-interop-" + base + "-" + CHANNELS.incrementAndGet();
    }

    private List<org.apache.camel.Message> consume(String channel) throws Exception {
        return ChannelRecorder.record(context, channel);
    }

    @Test
    void eventsTheCloudEventsSdkWritesArriveWithEveryAttribute() throws Exception {
        String orders = channel("sdk-in");
        List<org.apache.camel.Message> received = consume(orders);
        try (KafkaProducer<String, CloudEvent> sdk = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName()))) {
            sdk.send(new ProducerRecord<>(orders, "order-7", SdkEvents.orderCreated("sdk-1"))).get(30, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> received.size() == 1);
        org.apache.camel.Message message = received.get(0);
        EventEnvelope envelope = EventEnvelope.of(message);
        assertThat(envelope.id()).isEqualTo("sdk-1");
        assertThat(envelope.source()).isEqualTo("/shop/eu");
        assertThat(envelope.type()).isEqualTo("order.created");
        assertThat(envelope.specVersion()).isEqualTo("1.0");
        assertThat(envelope.time()).isEqualTo(SdkEvents.TIME);
        assertThat(envelope.subject()).isEqualTo("order-7");
        assertThat(envelope.dataContentType()).isEqualTo("application/json");
        assertThat(envelope.dataSchema()).isEqualTo("https://example.com/order.json");
        assertThat(envelope.extensions()).isEqualTo(Map.of("tenant", "acme"));
        assertThat(message.getBody(String.class)).isEqualTo(SdkEvents.DATA);
        assertThat(message.getHeader(ChannelHeaders.KEY)).isEqualTo("order-7");
        assertThat(message.getHeaders()).doesNotContainKey("content-type");
    }

    @Test
    void recordsAChannelWritesParseWithTheCloudEventsSdk() throws Exception {
        String orders = channel("sdk-out");
        EventEnvelope envelope = EventEnvelope.builder().id("edakit-1").source("/shop/eu").type("order.created")
                .time(SdkEvents.TIME).subject("order-7").dataContentType("application/json")
                .dataSchema("https://example.com/order.json").tenant("acme").build();
        Map<String, Object> headers = new java.util.HashMap<>(envelope.toHeaders());
        headers.put(ChannelHeaders.KEY, "order-7");
        producer.sendBodyAndHeaders("channel:" + orders, SdkEvents.DATA, headers);

        try (KafkaConsumer<String, CloudEvent> sdk = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "sdk-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName()))) {
            sdk.subscribe(List.of(orders));
            List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                sdk.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
            assertThat(records).hasSize(1);
            assertThat(records.get(0).key()).isEqualTo("order-7");
            CloudEvent event = records.get(0).value();
            assertThat(event).isEqualTo(SdkEvents.orderCreated("edakit-1")); // every attribute, the extension and the data
            assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
        }
    }

    @Test
    void contentTypeIsTheDataContentTypeOfABinaryEventAndOlderRecordsAreStillRead() throws Exception {
        String orders = channel("compat");
        List<org.apache.camel.Message> received = consume(orders);
        // as edakit wrote records before it followed the binding
        plain.sendText(orders, "old", Map.of("ce_id", "old-1", "ce_specversion", "1.0",
                "ce_datacontenttype", "text/plain"), null);
        plain.sendText(orders, "new", Map.of("ce_id", "new-1", "ce_specversion", "1.0", "content-type", "text/csv"), null);
        // not a CloudEvent: content-type is just a header
        plain.sendText(orders, "plain", Map.of("ce_id", "plain-1", "content-type", "text/plain"), null);
        await().atMost(WAIT).until(() -> received.size() == 3);
        Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
        synchronized (received) {
            received.forEach(m -> byId.put(m.getHeader("ce_id", String.class), m.getHeaders()));
        }
        assertThat(byId.get("old-1")).containsEntry("ce_datacontenttype", "text/plain");
        assertThat(byId.get("new-1")).containsEntry("ce_datacontenttype", "text/csv").doesNotContainKey("content-type");
        assertThat(byId.get("plain-1")).containsEntry("content-type", "text/plain").doesNotContainKey("ce_datacontenttype");
    }

    @Test
    void camelKafkaProducersReachChannelsWithStringsAndBytes() throws Exception {
        String orders = channel("camel-in");
        List<org.apache.camel.Message> received = consume(orders);
        String uri = "kafka:" + orders + "?brokers=" + brokers;
        producer.sendBodyAndHeaders(uri, "{\"n\":4}", Map.of("ce_id", "text", "tenant", "acme", KafkaConstants.KEY, "k-1"));
        producer.sendBodyAndHeaders(uri + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer",
                new byte[] {0, (byte) 0xff}, Map.of("ce_id", "bytes"));
        await().atMost(WAIT).until(() -> received.size() == 2);
        org.apache.camel.Message text = ChannelRecorder.byId(received, "text");
        assertThat(text.getBody(String.class)).isEqualTo("{\"n\":4}");
        assertThat(text.getHeaders()).containsEntry("tenant", "acme").containsEntry(ChannelHeaders.KEY, "k-1");
        org.apache.camel.Message bytes = ChannelRecorder.byId(received, "bytes");
        assertThat(bytes.getBody(byte[].class)).isEqualTo(new byte[] {0, (byte) 0xff});
    }

    @Test
    void camelKafkaConsumersReadWhatAChannelSends() throws Exception {
        String orders = channel("camel-out");
        producer.sendBodyAndHeaders("channel:" + orders, "{\"orderId\":1}", Map.of("ce_id", "evt-1",
                "ce_specversion", "1.0", "ce_datacontenttype", "application/json", "tenant", "acme",
                ChannelHeaders.KEY, "order-1"));
        List<Exchange> received = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:" + orders + "?brokers=" + brokers + "&groupId=camel-reader&autoOffsetReset=earliest"
                        + CAMEL_KAFKA_POLL)
                        .process(e -> received.add(e.copy()));
            }
        });
        await().atMost(WAIT).until(() -> received.size() == 1);
        org.apache.camel.Message message = received.get(0).getMessage();
        assertThat(message.getBody(String.class)).isEqualTo("{\"orderId\":1}");
        assertThat(message.getHeader(KafkaConstants.KEY)).isEqualTo("order-1");
        // camel-kafka hands record headers over as their bytes: UTF-8 text
        assertThat(new String(message.getHeader("ce_id", byte[].class), StandardCharsets.UTF_8)).isEqualTo("evt-1");
        assertThat(new String(message.getHeader("content-type", byte[].class), StandardCharsets.UTF_8))
                .isEqualTo("application/json");
        assertThat(new String(message.getHeader("tenant", byte[].class), StandardCharsets.UTF_8)).isEqualTo("acme");
    }

    /** Camel's CloudEvents header names become the envelope on the record, and come back beside it. */
    @Test
    void camelsCloudEventHeaderNamesMapToTheEnvelopeBothWays() throws Exception {
        String outbound = channel("camel-names-out");
        String inbound = channel("camel-names-in");
        producer.sendBodyAndHeaders("channel:" + outbound, "{\"orderId\":7}", Map.of("CamelCloudEventID", "evt-7",
                "CamelCloudEventSource", "/shop", "CamelCloudEventType", "order.placed", "CamelCloudEventVersion", "1.0",
                "CamelCloudEventTime", java.time.OffsetDateTime.parse("2026-12-01T10:15:00Z"),
                "CamelCloudEventDataContentType", "application/json", ChannelHeaders.KEY, "order-7"));
        List<Exchange> camelKafka = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:" + outbound + "?brokers=" + brokers + "&groupId=camel-names&autoOffsetReset=earliest"
                        + CAMEL_KAFKA_POLL)
                        .process(e -> camelKafka.add(e.copy()));
            }
        });
        await().atMost(WAIT).until(() -> camelKafka.size() == 1);
        org.apache.camel.Message record = camelKafka.get(0).getMessage();
        assertThat(record.getHeader(KafkaConstants.KEY)).isEqualTo("order-7");
        for (Map.Entry<String, String> attribute : Map.of("ce_id", "evt-7", "ce_source", "/shop", "ce_type", "order.placed",
                "ce_specversion", "1.0", "ce_time", "2026-12-01T10:15:00Z", "content-type", "application/json").entrySet()) {
            assertThat(new String(record.getHeader(attribute.getKey(), byte[].class), StandardCharsets.UTF_8))
                    .as(attribute.getKey()).isEqualTo(attribute.getValue());
        }
        assertThat(record.getHeaders().keySet()).noneMatch(name -> name.startsWith("CamelCloudEvent"));

        // a plain camel-kafka route writing ce_* headers: a channel's consumer sees Camel's names too
        List<org.apache.camel.Message> onChannel = consume(inbound);
        producer.sendBodyAndHeaders("kafka:" + inbound + "?brokers=" + brokers, "{\"orderId\":9}", Map.of(
                "ce_id", "evt-9", "ce_type", "order.placed", "ce_source", "/legacy", "ce_specversion", "1.0",
                "content-type", "application/json", KafkaConstants.KEY, "order-9"));
        await().atMost(WAIT).until(() -> onChannel.size() == 1);
        assertThat(onChannel.get(0).getHeaders()).containsEntry("CamelCloudEventID", "evt-9")
                .containsEntry("CamelCloudEventType", "order.placed").containsEntry("CamelCloudEventSource", "/legacy")
                .containsEntry("CamelCloudEventDataContentType", "application/json")
                .containsEntry(ChannelHeaders.KEY, "order-9");
    }
}
