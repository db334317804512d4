package io.edakit.transport.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka clients and topics for stores kept in a compacted topic (the Kafka idempotency store),
 * configured like the transport's own clients ({@link KafkaClientConfigs}: acks=all, idempotent
 * producer, the user's pass-through properties), for callers outside this package.
 */
public final class KafkaStoreClients {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStoreClients.class);
    private static final long ADMIN_TIMEOUT_MILLIS = 15_000;
    private static final long VISIBLE_TIMEOUT_MILLIS = 10_000;

    private final KafkaSettings settings;
    private final KafkaClientConfigs configs;

    public KafkaStoreClients(KafkaSettings settings, String clientName) {
        this.settings = settings;
        this.configs = new KafkaClientConfigs(settings, clientName);
    }

    /** A producer of String keys and byte[] values whose sends are acknowledged by all in-sync replicas. */
    public KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(configs.producer());
    }

    /** A consumer without a group (the caller assigns partitions), String keys, byte[] values. */
    public KafkaConsumer<String, byte[]> consumer(String clientId) {
        return new KafkaConsumer<>(configs.consumer(null, clientId, 1_000));
    }

    /**
     * Ensures {@code topic} exists as a compacted topic of one partition (replication from the
     * settings), creating it when missing and {@code edakit.kafka.create-topics} allows it. Records
     * younger than {@code minCompactionLag} are never compacted away (an existing topic with a
     * shorter lag gets this one).
     */
    public void ensureCompacted(String topic, Duration minCompactionLag) {
        ensure(topic, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, String.valueOf(minCompactionLag.toMillis())),
                admin -> keepAtLeast(admin, topic, TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, minCompactionLag.toMillis()));
    }

    /**
     * Ensures {@code topic} exists as a topic of one partition whose records are deleted after
     * {@code retention} (in segments of a sixth of it, so deletion keeps up), creating it when
     * missing and {@code edakit.kafka.create-topics} allows it. An existing topic is used as it is.
     */
    public void ensureExpiring(String topic, Duration retention) {
        ensure(topic, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(retention.toMillis() / 6)), admin -> { });
    }

    /** What to do about a topic that exists already. */
    @FunctionalInterface
    private interface ExistingTopic {
        void check(Admin admin) throws InterruptedException, ExecutionException, TimeoutException;
    }

    private void ensure(String topic, Map<String, String> topicConfig, ExistingTopic existing) {
        try (Admin admin = Admin.create(configs.admin())) {
            if (exists(admin, topic)) {
                existing.check(admin);
                return;
            }
            if (!settings.createTopics()) {
                throw new IllegalStateException("Kafka topic '" + topic + "' does not exist and "
                        + KafkaSettings.CREATE_TOPICS.name() + "=false: create it (1 partition, " + topicConfig
                        + ") or set " + KafkaSettings.CREATE_TOPICS.name() + "=true");
            }
            try {
                admin.createTopics(List.of(new NewTopic(topic, 1, settings.replicationFactor()).configs(topicConfig)))
                        .all().get(ADMIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                LOG.info("Created Kafka topic {} {} (replication factor {})", topic, topicConfig, settings.replicationFactor());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitLed(admin, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking Kafka topic '" + topic + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot check or create Kafka topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    /** Raises a numeric topic setting to {@code least} when it is lower. */
    private static void keepAtLeast(Admin admin, String topic, String name, long least)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        ConfigEntry current = admin.describeConfigs(List.of(resource)).all()
                .get(ADMIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).get(resource).get(name);
        if (current == null || current.value() == null || Long.parseLong(current.value()) < least) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(name, String.valueOf(least)), AlterConfigOp.OpType.SET))))
                    .all().get(ADMIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            LOG.info("Raised {} of Kafka topic {} to {}", name, topic, least);
        }
    }

    private static boolean exists(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(ADMIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    /** As {@link TopicManager}: wait until the new topic's partition has a leader that answers (KAFKA-15591). */
    private static void awaitLed(Admin admin, String topic) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(VISIBLE_TIMEOUT_MILLIS);
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(ADMIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).get(topic);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                boolean led = true;
                for (TopicPartitionInfo partition : description.partitions()) {
                    led &= partition.leader() != null;
                    latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
                }
                if (led) {
                    admin.listOffsets(latest).all().get(ADMIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                }
            } catch (ExecutionException notYet) {
                // not visible or not led yet: retry
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topic " + topic + " has no leader after " + VISIBLE_TIMEOUT_MILLIS + " ms");
            }
            Thread.sleep(50);
        }
    }
}
