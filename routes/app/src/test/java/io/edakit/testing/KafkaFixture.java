package io.edakit.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.broker.kafka.SharedKafkaBroker;

/**
 * Kafka: the test JVM's one in-process KRaft broker (started once, shared by every test class).
 * Each application and client is an instance of its own, with a reply topic of its own.
 */
public final class KafkaFixture implements TransportFixture {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Map<String, String> appSettings(Path dataDir) {
        return settings("app");
    }

    @Override
    public Map<String, String> clientSettings() {
        return settings("client");
    }

    @Override
    public PlainClient plainClient() {
        return new PlainKafkaClient(SharedKafkaBroker.bootstrapServers());
    }

    private static Map<String, String> settings(String role) {
        return Map.of(
                "edakit.transport", "kafka",
                "edakit.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers(),
                "edakit.instance-id", role + "-" + INSTANCES.incrementAndGet(),
                // members learn of a rebalance at their next heartbeat: 3 s by default, slow for tests
                "edakit.kafka.properties.heartbeat.interval.ms", "300");
    }
}
