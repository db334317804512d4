package io.edakit.channel;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.broker.kafka.SharedKafkaBroker;
import io.edakit.testing.PlainClient;
import io.edakit.testing.PlainKafkaClient;
import io.edakit.transport.ChannelTransport;

/** Fair channels on the test JVM's shared in-process Kafka broker: lanes are topics. */
class KafkaFairChannelTest extends FairChannelContractTest {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    @Override
    protected Properties transportProperties(Path dataDir) {
        Properties props = new Properties();
        props.setProperty("edakit.transport", "kafka");
        props.setProperty("edakit.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers());
        props.setProperty("edakit.instance-id", "fair-" + INSTANCES.incrementAndGet());
        props.setProperty("edakit.kafka.properties.heartbeat.interval.ms", "300");
        return props;
    }

    @Override
    protected PlainClient plainClient(ChannelTransport transport) {
        return new PlainKafkaClient(SharedKafkaBroker.bootstrapServers());
    }
}
