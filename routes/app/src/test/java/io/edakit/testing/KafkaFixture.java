package io.edakit.testing;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.broker.kafka.SharedKafkaBroker;
import io.edakit.transport.kafka.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

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

    /**
     * The channels' topics in one request, as edakit would create them (its default partitions,
     * replication 1): created one at a time as each route starts, they took ~0.5 s each on the
     * loaded build machine, and a contract application has ~40. edakit still checks each one, and
     * waits until its partitions are led, before using it.
     */
    @Override
    public void prepareChannels(Collection<String> channels) {
        int partitions = Integer.parseInt(KafkaSettings.PARTITIONS.defaultValue());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafkaBroker.bootstrapServers()))) {
            admin.createTopics(channels.stream().distinct().map(topic -> new NewTopic(topic, partitions, (short) 1))
                    .toList()).values().values().forEach(KafkaFixture::awaitCreated);
        }
    }

    private static void awaitCreated(org.apache.kafka.common.KafkaFuture<Void> creation) {
        try {
            creation.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create a test topic: " + e.getCause(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a test topic: " + e, e);
        }
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
