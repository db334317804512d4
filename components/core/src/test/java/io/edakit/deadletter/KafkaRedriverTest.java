package io.edakit.deadletter;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.broker.kafka.SharedKafkaBroker;

/** Redrive on Kafka: the test JVM's shared in-process broker. */
class KafkaRedriverTest extends RedriverContractTest {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    @Override
    protected Properties transportProperties(Path dataDir) {
        Properties properties = new Properties();
        properties.setProperty("edakit.transport", "kafka");
        properties.setProperty("edakit.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers());
        properties.setProperty("edakit.instance-id", "redriver-" + INSTANCES.incrementAndGet());
        return properties;
    }
}
