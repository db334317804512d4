package io.edakit.routes;

import static io.edakit.testing.TestApp.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.edakit.broker.kafka.SharedKafkaBroker;
import io.edakit.testing.KafkaFixture;
import io.edakit.testing.PlainClient;
import io.edakit.testing.SdkEvents;
import io.edakit.testing.TransportFixture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The template contract on Kafka, unchanged: same templates, parameters and expectations. */
class KafkaTemplateContractTest extends TemplateContractTest {

    @Override
    protected TransportFixture createTransport() {
        return new KafkaFixture();
    }

    @Override
    protected void addTransportInstances(Map<String, String> config) {
        // ingress from a Kafka topic other applications write CloudEvents to, through Camel's kafka: component
        instance(config, "sdk-ingress", "ingress", Map.of("from", "kafka:c.sdk.in?brokers="
                + SharedKafkaBroker.bootstrapServers() + "&groupId=c-sdk-ingress&autoOffsetReset=earliest"
                // camel-kafka stops only once its poll returns (twice): 5 s each with its default
                + "&pollTimeoutMs=200",
                "channel", "c.sdk.out", "schema-validation", "false"));
    }

    @Test
    void ingressFromKafkaKeepsEveryAttributeOfEventsTheSdkWritesInBinaryAndStructuredMode() throws Exception {
        send(Encoding.BINARY, SdkEvents.orderCreated("sdk-binary"));
        send(Encoding.STRUCTURED, SdkEvents.orderCreated("sdk-structured"));
        List<PlainClient.PlainMessage> events = plain().take("c.sdk.out", 2, WAIT);
        assertThat(events).extracting(m -> m.headers().get("ce_id")).containsExactlyInAnyOrder("sdk-binary", "sdk-structured");
        for (PlainClient.PlainMessage event : events) {
            assertThat(event.headers()).containsEntry("ce_source", "/shop/eu").containsEntry("ce_type", "order.created")
                    .containsEntry("ce_specversion", "1.0").containsEntry("ce_subject", "order-7")
                    .containsEntry("content-type", "application/json")
                    .containsEntry("ce_dataschema", "https://example.com/order.json").containsEntry("ce_tenant", "acme");
            assertThat(OffsetDateTime.parse(event.headers().get("ce_time"))).isEqualTo(SdkEvents.TIME);
            assertThat(event.text()).isEqualTo(SdkEvents.DATA);
        }
    }

    private static void send(Encoding encoding, CloudEvent event) throws Exception {
        try (KafkaProducer<String, CloudEvent> sdk = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName(),
                CloudEventSerializer.ENCODING_CONFIG, encoding.name(),
                CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE))) {
            sdk.send(new ProducerRecord<>("c.sdk.in", event)).get(30, TimeUnit.SECONDS);
        }
    }
}
