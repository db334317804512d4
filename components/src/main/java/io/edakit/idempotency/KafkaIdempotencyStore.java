package io.edakit.idempotency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.edakit.transport.kafka.KafkaSettings;
import io.edakit.transport.kafka.KafkaStoreClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IdempotencyStore} kept in a compacted Kafka topic, {@code edakit.idempotency.<namespace>}
 * (one partition; created if missing with the replication factor of {@link KafkaSettings}), for
 * applications on the Kafka transport that have no database.
 *
 * <p><b>Records.</b> Every change is one record, sent and acknowledged by all in-sync replicas
 * before the method returns: a claim or confirm is keyed {@code key:<message key>} with the value
 * {@code {"claimedAt":"<instant>","confirmed":<bool>}}; a stale-guard position is keyed
 * {@code scope:<scope>} with {@code {"position":<n>}}; a release or an eviction is a tombstone
 * (null value), which compaction eventually turns into the key's absence. (Message keys get the
 * {@code key:} prefix so that a message key starting with {@code scope:} cannot collide with a scope.)
 *
 * <p><b>Materialisation.</b> Each store object keeps the whole topic in a local map. {@link #open}
 * reads the topic from the beginning up to its end offset (an assigned consumer, no group) before
 * returning the store, then a thread keeps following the topic, so records written by other store
 * objects on the same namespace (other processes) arrive shortly after they were written. Every
 * entry remembers the offset of the record it came from and is replaced only by a record of a
 * greater offset, so the map converges to the topic's order whichever of the local write and the
 * follower applies a record first.
 *
 * <p><b>Atomicity: per store object only.</b> Each method decides and writes while holding a lock on
 * its key (striped locks, synchronized), and it decides from the local map. So two threads of one
 * store object racing on a key get exactly one {@link ClaimResult#CLAIMED}, and of two racing
 * advances the greater wins. Two store objects (two processes) racing on the same key are
 * <em>not</em> serialized: each may decide before it has read the other's record, and both may claim.
 * Cross-process de-duplication therefore holds only when one store object owns each key, which is
 * the case when the consuming channel partitions by the message id (the message id as ordering key,
 * so that Kafka sends every delivery and redelivery of a message to the partition, hence the
 * receiver, that owns it), and across a rebalance once the new owner's follower has read the
 * previous owner's records (usually milliseconds). A key claimed by another process and not yet
 * read by this one is not seen as a duplicate.
 *
 * <p><b>Eviction.</b> {@link #evictExpired} removes expired claims locally and writes a tombstone for
 * each. The map holds every key of the topic that was not evicted, so memory grows with the keys of
 * one window (the idempotent-consumer template evicts regularly).
 */
public final class KafkaIdempotencyStore implements IdempotencyStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIdempotencyStore.class);

    /** Prefix of every topic a store of this kind uses. */
    public static final String TOPIC_PREFIX = "edakit.idempotency.";

    private static final String KEY_PREFIX = "key:";
    private static final String SCOPE_PREFIX = "scope:";
    private static final long SEND_TIMEOUT_MILLIS = 30_000;
    private static final long CATCH_UP_TIMEOUT_MILLIS = 60_000;
    private static final Pattern CLAIM = Pattern.compile(
            "\\{\"claimedAt\":\"([^\"]+)\",\"confirmed\":(true|false)}");
    private static final Pattern POSITION = Pattern.compile("\\{\"position\":(-?\\d+)}");

    private record Claim(Instant claimedAt, boolean confirmed) {
    }

    /**
     * The state of one record key as of the record at {@code offset}: a {@link Claim}, a position
     * ({@link Long}) or, for a tombstone, null (kept until the follower has passed it, so that an
     * older record read late cannot bring the key back).
     */
    private record Entry(String recordKey, long offset, Object value) {
    }

    private final String namespace;
    private final String topic;
    private final TopicPartition partition;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Entry> tombstones = new ConcurrentLinkedQueue<>();
    private final Object[] locks = new Object[64];
    private final Thread follower;
    private volatile boolean running = true;

    private KafkaIdempotencyStore(KafkaSettings settings, String namespace) {
        this.namespace = namespace;
        this.topic = topic(namespace);
        this.partition = new TopicPartition(topic, 0);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        KafkaStoreClients clients = new KafkaStoreClients(settings, "idempotency-" + UUID.randomUUID());
        clients.ensureCompacted(topic);
        this.producer = clients.producer();
        this.consumer = clients.consumer("idempotency-follower");
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            catchUp();
        } catch (RuntimeException e) {
            consumer.close();
            producer.close(Duration.ofSeconds(5));
            throw e;
        }
        this.follower = new Thread(this::follow, "edakit-idempotency-follower-" + namespace);
        follower.setDaemon(true);
        follower.start();
    }

    /**
     * Opens the store of {@code namespace}: creates its topic if missing and reads it to its end
     * before returning, so the store answers from everything written before it was opened.
     */
    public static KafkaIdempotencyStore open(KafkaSettings settings, String namespace) {
        return new KafkaIdempotencyStore(settings, namespace);
    }

    /** The topic of {@code namespace}: characters Kafka does not allow in a topic name become '-'. */
    public static String topic(String namespace) {
        return TOPIC_PREFIX + namespace.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    @Override
    public ClaimResult claim(String key, Instant now, Duration window) {
        return claim(key, now, window, false);
    }

    @Override
    public ClaimResult reclaim(String key, Instant now, Duration window) {
        return claim(key, now, window, true);
    }

    private ClaimResult claim(String key, Instant now, Duration window, boolean takeOverUnconfirmed) {
        String recordKey = KEY_PREFIX + key;
        synchronized (lock(recordKey)) {
            Claim existing = claimOf(recordKey);
            if (existing == null || (takeOverUnconfirmed && !existing.confirmed())
                    || IdempotencyStore.lapsed(existing.claimedAt(), existing.confirmed(), now, window)) {
                write(recordKey, new Claim(now, false));
                return ClaimResult.CLAIMED;
            }
            return ClaimResult.held(existing.confirmed());
        }
    }

    @Override
    public void confirm(String key) {
        String recordKey = KEY_PREFIX + key;
        synchronized (lock(recordKey)) {
            Claim existing = claimOf(recordKey);
            if (existing != null && !existing.confirmed()) {
                write(recordKey, new Claim(existing.claimedAt(), true));
            }
        }
    }

    @Override
    public void release(String key) {
        String recordKey = KEY_PREFIX + key;
        synchronized (lock(recordKey)) {
            // a tombstone even when this store does not hold the key: another store may, unread yet
            write(recordKey, null);
        }
    }

    @Override
    public int evictExpired(Instant now, Duration window) {
        // send every tombstone first and await them together: one round trip, not one per key
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.value() instanceof Claim claim && IdempotencyStore.expired(claim.claimedAt(), now, window)) {
                synchronized (lock(entry.recordKey())) {
                    // re-checked under the key's lock: a claim made meanwhile is not evicted
                    if (entries.get(entry.recordKey()) == entry) {
                        sent.add(producer.send(new ProducerRecord<>(topic, entry.recordKey(), null)));
                        keys.add(entry.recordKey());
                    }
                }
            }
        }
        int removed = 0;
        for (int i = 0; i < sent.size(); i++) {
            RecordMetadata metadata = await(sent.get(i), "evict");
            // a claim sent after this tombstone has a greater offset and stays
            apply(keys.get(i), metadata.offset(), null);
            removed++;
        }
        return removed;
    }

    @Override
    public AdvanceResult advance(String scope, long position) {
        String recordKey = SCOPE_PREFIX + scope;
        synchronized (lock(recordKey)) {
            Entry entry = entries.get(recordKey);
            if (entry == null || !(entry.value() instanceof Long stored) || position > stored) {
                write(recordKey, position);
                return AdvanceResult.ACCEPTED;
            }
            return AdvanceResult.STALE;
        }
    }

    @Override
    public OptionalLong lastPosition(String scope) {
        Entry entry = entries.get(SCOPE_PREFIX + scope);
        return entry != null && entry.value() instanceof Long stored ? OptionalLong.of(stored) : OptionalLong.empty();
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            follower.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** The topic this store keeps its records in. */
    public String topic() {
        return topic;
    }

    private Claim claimOf(String recordKey) {
        Entry entry = entries.get(recordKey);
        return entry != null && entry.value() instanceof Claim claim ? claim : null;
    }

    private Object lock(String recordKey) {
        return locks[Math.floorMod(recordKey.hashCode(), locks.length)];
    }

    /** Sends the record, waits for acks=all, then applies it locally. Call with the key's lock held. */
    private void write(String recordKey, Object value) {
        RecordMetadata metadata = await(producer.send(new ProducerRecord<>(topic, recordKey, encode(value))),
                value == null ? "release" : "write");
        apply(recordKey, metadata.offset(), value);
    }

    private RecordMetadata await(Future<RecordMetadata> future, String what) {
        try {
            return future.get(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, e);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (TimeoutException e) {
            throw failure(what, e);
        }
    }

    private IllegalStateException failure(String what, Throwable cause) {
        return new IllegalStateException("idempotency store (" + namespace + ", topic " + topic + ") could not "
                + what + " a key: " + cause, cause);
    }

    /** Puts the state of the record at {@code offset} unless a later record of the key was applied. */
    private void apply(String recordKey, long offset, Object value) {
        Entry fresh = new Entry(recordKey, offset, value);
        Entry kept = entries.merge(recordKey, fresh, (current, candidate) ->
                current.offset() >= candidate.offset() ? current : candidate);
        if (kept == fresh && value == null) {
            tombstones.add(fresh);
        }
    }

    private void catchUp() {
        long end = consumer.endOffsets(List.of(partition), Duration.ofMillis(CATCH_UP_TIMEOUT_MILLIS)).get(partition);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_TIMEOUT_MILLIS);
        while (consumer.position(partition, Duration.ofMillis(CATCH_UP_TIMEOUT_MILLIS)) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("idempotency store (" + namespace + ") could not read topic " + topic
                        + " to its end offset " + end + " within " + CATCH_UP_TIMEOUT_MILLIS + " ms");
            }
            pollOnce(Duration.ofMillis(200));
        }
        LOG.debug("idempotency store {} read {} records of {} ({} keys)", namespace, end, topic, entries.size());
    }

    private void follow() {
        try {
            while (running) {
                try {
                    pollOnce(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    if (running) {
                        LOG.debug("unexpected wakeup of the idempotency follower of {}", namespace);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("idempotency store {} could not read topic {}: {}", namespace, topic, e.toString());
                    sleepQuietly();
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void pollOnce(Duration timeout) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            if (record.key() == null) {
                continue;
            }
            try {
                apply(record.key(), record.offset(), decode(record.key(), record.value()));
            } catch (IllegalArgumentException e) {
                LOG.warn("idempotency store {} skips an unreadable record at offset {} of {}: {}", namespace,
                        record.offset(), topic, e.getMessage());
            }
        }
        // tombstones the follower has passed: no older record of their key can arrive any more
        long followed = consumer.position(partition);
        tombstones.removeIf(tombstone -> {
            if (tombstone.offset() < followed) {
                entries.remove(tombstone.recordKey(), tombstone);
                return true;
            }
            return false;
        });
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] encode(Object value) {
        if (value == null) {
            return null;
        }
        String text = value instanceof Claim claim
                ? "{\"claimedAt\":\"" + claim.claimedAt() + "\",\"confirmed\":" + claim.confirmed() + "}"
                : "{\"position\":" + value + "}";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Object decode(String recordKey, byte[] value) {
        if (value == null) {
            return null;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        Matcher matcher = (recordKey.startsWith(SCOPE_PREFIX) ? POSITION : CLAIM).matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unexpected value for " + recordKey + ": " + text);
        }
        return recordKey.startsWith(SCOPE_PREFIX) ? (Object) Long.parseLong(matcher.group(1))
                : new Claim(Instant.parse(matcher.group(1)), Boolean.parseBoolean(matcher.group(2)));
    }
}
