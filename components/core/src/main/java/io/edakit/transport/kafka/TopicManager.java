package io.edakit.transport.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a channel's topic exists before anything sends to it or reads it.
 *
 * <p>Topics are created explicitly, with the configured partitions and replication, rather than
 * left to a broker's auto-creation, which would give every channel the broker's default partition
 * count (usually 1: no load sharing between receivers). With {@code create-topics=false} a missing
 * topic is an error that names the topic and the setting.
 */
final class TopicManager {

    private static final Logger LOG = LoggerFactory.getLogger(TopicManager.class);
    private static final long ADMIN_TIMEOUT_MILLIS = 15_000;
    private static final long VISIBLE_TIMEOUT_MILLIS = 10_000;
    private static final long VISIBLE_RETRY_MILLIS = 50;

    private final Admin admin;
    private final KafkaSettings settings;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    TopicManager(Admin admin, KafkaSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /** Ensures a channel's topic exists, creating it with the configured partitions if allowed. */
    void ensure(String topic) {
        if (!known.contains(topic)) {
            ensure(topic, settings.partitions());
        }
    }

    /**
     * Ensures {@code topic} exists with {@code partitions} partitions if it has to be created.
     *
     * @return whether this call created it (only the creator of a topic may delete it)
     */
    boolean ensure(String topic, int partitions) {
        try {
            boolean created = false;
            if (!exists(topic)) {
                if (!settings.createTopics()) {
                    throw new IllegalStateException("Kafka topic '" + topic + "' does not exist and "
                            + KafkaSettings.CREATE_TOPICS.name() + "=false: create the topic or set "
                            + KafkaSettings.CREATE_TOPICS.name() + "=true");
                }
                created = create(topic, partitions);
            }
            if (!created) {
                // made elsewhere (another instance or JVM, maybe a moment ago): it can be listed before
                // its partitions are led, the window create() waits out; a first send in it hits
                // KAFKA-15591 (seen as OutOfOrderSequenceException until the delivery timeout)
                awaitVisible(topic);
            }
            known.add(topic);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking Kafka topic '" + topic + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot check or create Kafka topic '" + topic + "': " + rootMessage(e), e);
        }
    }

    /** Deletes a topic this instance created (its reply topic); a failure is logged, not thrown. */
    void delete(String topic) {
        known.remove(topic);
        try {
            await(admin.deleteTopics(List.of(topic)).all());
            LOG.debug("Deleted Kafka topic {}", topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not delete Kafka topic {}: {}", topic, rootMessage(e));
        }
    }

    private boolean exists(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            await(admin.describeTopics(List.of(topic)).allTopicNames());
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private boolean create(String topic, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            await(admin.createTopics(List.of(new NewTopic(topic, partitions, settings.replicationFactor()))).all());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false; // another instance created it first: fine
            }
            throw e;
        }
        LOG.info("Created Kafka topic {} ({} partitions, replication factor {})", topic, partitions,
                settings.replicationFactor());
        awaitVisible(topic);
        return true;
    }

    /**
     * The controller confirms a new topic before every broker's metadata shows it, and a broker lists
     * a topic before it leads the topic's partitions. A producer that sends in between gets
     * NOT_LEADER_OR_FOLLOWER, and with several idempotent requests in flight the retried first batch
     * can then fail on its sequence number until the delivery timeout (KAFKA-15591). So wait until
     * the topic is visible and every partition's leader answers an offset request.
     */
    private void awaitVisible(String topic) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(VISIBLE_TIMEOUT_MILLIS);
        while (!exists(topic) || !partitionsLed(topic)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topic " + topic + " was created but its partitions have no leader after "
                        + VISIBLE_TIMEOUT_MILLIS + " ms");
            }
            Thread.sleep(VISIBLE_RETRY_MILLIS);
        }
    }

    private boolean partitionsLed(String topic) throws InterruptedException, TimeoutException {
        try {
            TopicDescription description = await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartitionInfo partition : description.partitions()) {
                if (partition.leader() == null) {
                    return false;
                }
                latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
            }
            await(admin.listOffsets(latest).all());
            return true;
        } catch (ExecutionException notYet) {
            return false; // e.g. LEADER_NOT_AVAILABLE, NOT_LEADER_OR_FOLLOWER: retry
        }
    }

    private static <T> T await(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(ADMIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
