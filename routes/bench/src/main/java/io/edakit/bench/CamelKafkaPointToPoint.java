package io.edakit.bench;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a Camel user would write instead of the point-to-point template on Kafka: a camel-kafka
 * route with {@code consumersCount} consumers in the group named like the topic (as the baseline's
 * and edakit's), auto-commit off, and the record's offset committed through
 * {@link KafkaManualCommit} after the processor ran. The commits are asynchronous
 * ({@link DefaultKafkaManualAsyncCommitFactory}: made on the consumer's next poll), the fast choice
 * a user would make; the default synchronous commit waits on the broker for every record.
 */
final class CamelKafkaPointToPoint implements AutoCloseable {

    private final CamelContext context = new DefaultCamelContext();

    CamelKafkaPointToPoint(String bootstrapServers, String topic, int consumers, HandledCounter counter)
            throws Exception {
        KafkaComponent kafka = new KafkaComponent();
        kafka.setKafkaManualCommitFactory(new DefaultKafkaManualAsyncCommitFactory());
        context.addComponent("kafka", kafka);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:" + topic + "?brokers=" + bootstrapServers + "&groupId=" + topic
                        + "&autoOffsetReset=earliest&allowManualCommit=true&autoCommitEnable=false"
                        + "&consumersCount=" + consumers
                        + "&valueDeserializer=" + ByteArrayDeserializer.class.getName())
                        .routeId("bench-camel-kafka")
                        .process(exchange -> {
                            if (exchange.getMessage().getBody(byte[].class) != null) {
                                counter.handled();
                            }
                        })
                        .process(exchange -> exchange.getMessage()
                                .getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit());
            }
        });
        context.start();
    }

    static String describe() {
        return "camel: camel-kafka route (group = topic, consumersCount = --consumers, allowManualCommit=true, "
                + "autoCommitEnable=false), processor reads the body and counts, then KafkaManualCommit.commit() "
                + "(asynchronous commit factory); own Camel context, no metrics";
    }

    @Override
    public void close() throws Exception {
        context.close();
    }
}
