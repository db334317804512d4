package io.edakit.channel;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.broker.kafka.SharedKafkaBroker;
import io.edakit.testing.PlainClient;
import io.edakit.testing.PlainKafkaClient;
import io.edakit.transport.ChannelTransport;

/** The channel contract on Kafka: the test JVM's shared in-process broker. */
class KafkaChannelContractTest extends ChannelContractTest {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    @Override
    protected Properties transportProperties(Path dataDir) {
        Properties props = new Properties();
        props.setProperty("edakit.transport", "kafka");
        props.setProperty("edakit.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers());
        // each test's context is an instance of its own, with a reply topic of its own
        props.setProperty("edakit.instance-id", "contract-" + INSTANCES.incrementAndGet());
        // members learn of a rebalance at their next heartbeat: 3 s by default, too slow for tests
        props.setProperty("edakit.kafka.properties.heartbeat.interval.ms", "300");
        return props;
    }

    @Override
    protected PlainClient plainClient(ChannelTransport transport) {
        return new PlainKafkaClient(SharedKafkaBroker.bootstrapServers());
    }
}
