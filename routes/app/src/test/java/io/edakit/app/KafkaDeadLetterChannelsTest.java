package io.edakit.app;

import io.edakit.broker.kafka.SharedKafkaBroker;
import io.edakit.testing.KafkaFixture;
import io.edakit.testing.TransportFixture;
import org.junit.jupiter.api.AfterEach;

class KafkaDeadLetterChannelsTest extends DeadLetterChannelsTest {

    private final String suffix = "-" + System.nanoTime();
    private final OutsideClient.Kafka kafka = new OutsideClient.Kafka(SharedKafkaBroker.bootstrapServers());

    @AfterEach
    void closeClient() {
        kafka.close();
    }

    @Override
    protected TransportFixture transport() {
        return new KafkaFixture();
    }

    @Override
    protected OutsideClient outside() {
        return kafka;
    }

    @Override
    protected void createChannels(String... channels) throws Exception {
        kafka.createTopics(1, channels);
    }

    @Override
    protected String suffix() {
        return suffix;
    }
}
