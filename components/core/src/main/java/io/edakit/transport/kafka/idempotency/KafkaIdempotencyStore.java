package io.edakit.transport.kafka.idempotency;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edakit.idempotency.AdvanceResult;
import io.edakit.idempotency.ClaimLog;
import io.edakit.idempotency.ClaimLog.Claim;
import io.edakit.idempotency.ClaimLog.Entry;
import io.edakit.idempotency.ClaimLog.Op;
import io.edakit.idempotency.ClaimResult;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.idempotency.Liveness;
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
 * applications on the Kafka transport that have no database. Every instance sharing the namespace
 * decides the same way, so two instances racing on one key get one claim.
 *
 * <p><b>The log decides.</b> The partition orders every record. A claim is a record naming its
 * claimant (this store object and a counter); each store object applies the records in log order
 * with the same rule, {@link ClaimLog}'s: a claim wins unless the key is held by another claimant
 * whose claim has not lapsed at the new claim's time (a takeover wins over an unconfirmed holder).
 * The claimant sends its record, waits until its own follower has read up to it, and looks who holds
 * the key: itself (claimed) or the earlier claimant (in progress, or a duplicate once confirmed).
 * Confirm, release and evict records act only on the claim they name, so a late one cannot undo a
 * newer claim. This class is the Kafka side of it: the records' JSON, the topics, the follower.
 *
 * <p><b>Dead holders.</b> Each store object is an incarnation ({@link Liveness}): it writes a
 * heartbeat every second to the topic {@value #CLAIMANTS_TOPIC} (shared by every namespace, one
 * partition, records deleted after an hour) and a goodbye when it closes, and follows that topic
 * from a minute back. A claim that finds the key held unfinished by an incarnation silent for
 * {@link Liveness#TIMEOUT} (or gone) names that holder in its record ({@code "over"}); the rule
 * lets such a claim win only while that same holder still holds the key unfinished, so every store
 * object decides alike and a holder that confirmed meanwhile is never overruled.
 *
 * <p><b>Records.</b> Keys {@code key:<message key>} carry
 * {@code {"op":"claim|confirm|release|evict","claimant":…,"claimedAt":…,"window":<ms>,"takeover":…,
 * "beats":true,"over":…}} ({@code beats}: the claimant writes heartbeats; claims of earlier releases
 * keep the lease only);
 * keys {@code scope:<scope>} carry a stale-guard position {@code {"position":<n>}}. An evicted key is
 * also tombstoned so that compaction removes it; the topic's {@code min.compaction.lag.ms} is kept
 * above the window and the in-progress lease, so compaction only ever removes records of claims that
 * have lapsed anyway. Records of the earlier format ({@code {"claimedAt":…,"confirmed":…}}) are read
 * as claims of an unknown claimant.
 *
 * <p><b>Positions</b> (stale guard) are decided per store object: of two instances advancing one
 * scope at once the later write wins. Give a scope's events one ordering key, so one consumer handles
 * them in order.
 *
 * <p><b>Memory.</b> Each store object keeps the claims of the topic that were not evicted, so memory
 * grows with the keys of one window (the idempotent-consumer template evicts regularly).
 */
public final class KafkaIdempotencyStore implements IdempotencyStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIdempotencyStore.class);

    /** Prefix of every topic a store of this kind uses. */
    public static final String TOPIC_PREFIX = "edakit.idempotency.";
    /** The heartbeats and goodbyes of every store object, by store id (outside the prefix: no namespace can clash). */
    public static final String CLAIMANTS_TOPIC = "edakit.claimants";
    private static final Duration CLAIMANTS_RETENTION = Duration.ofHours(1);
    /** How far back a store object reads heartbeats when it opens: far more than the liveness timeout. */
    private static final Duration CLAIMANTS_LOOKBACK = Duration.ofMinutes(1);

    private static final String KEY_PREFIX = "key:";
    private static final String SCOPE_PREFIX = "scope:";
    private static final long SEND_TIMEOUT_MILLIS = 30_000;
    private static final long CATCH_UP_TIMEOUT_MILLIS = 60_000;
    private static final Duration COMPACTION_MARGIN = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stale-guard position as of the record at {@code offset}. */
    private record Position(long offset, long value) {
    }

    private final String namespace;
    private final String topic;
    private final TopicPartition partition;
    private final TopicPartition claimantsPartition = new TopicPartition(CLAIMANTS_TOPIC, 0);
    private final String instanceId;
    private final Liveness liveness = new Liveness();
    /** The last heartbeat of each store object (EPOCH: it said goodbye), as the follower read them. */
    private final Map<String, Instant> heartbeats = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String storeId = UUID.randomUUID().toString();
    private final AtomicLong claimCounter = new AtomicLong();
    /** Claims by message key, as the log decided them (applied by the follower only). */
    private final ClaimLog claims = new ClaimLog();
    /** The claimant of each key this store object holds. */
    private final Map<String, String> mine = new ConcurrentHashMap<>();
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[64];
    private final Object progress = new Object();
    /** The offset the follower reads next: every record before it is applied. */
    private volatile long followed;
    private final Thread follower;
    private volatile boolean running = true;

    private KafkaIdempotencyStore(KafkaSettings settings, String namespace, Duration window, String instanceId) {
        this.namespace = namespace;
        this.instanceId = instanceId;
        this.topic = topic(namespace);
        this.partition = new TopicPartition(topic, 0);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        KafkaStoreClients clients = new KafkaStoreClients(settings, "idempotency-" + storeId);
        clients.ensureCompacted(topic, window.plus(IN_PROGRESS_LEASE).plus(COMPACTION_MARGIN));
        clients.ensureExpiring(CLAIMANTS_TOPIC, CLAIMANTS_RETENTION);
        this.producer = clients.producer();
        this.consumer = clients.consumer("idempotency-follower");
        try {
            consumer.assign(List.of(partition, claimantsPartition));
            consumer.seekToBeginning(List.of(partition));
            seekClaimantsBack();
            beat(true); // announced before its first claim
            catchUp();
        } catch (RuntimeException e) {
            consumer.close();
            producer.close(Duration.ofSeconds(5));
            throw e;
        }
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "edakit-idempotency-heartbeat-" + namespace);
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(() -> beat(false), Liveness.INTERVAL.toMillis(), Liveness.INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        this.follower = new Thread(this::follow, "edakit-idempotency-follower-" + namespace);
        follower.setDaemon(true);
        follower.start();
    }

    /**
     * Opens the store of {@code namespace} for keys kept {@code window} long: creates its topic if
     * missing and reads it to its end before returning, so the store answers from everything
     * written before it was opened.
     */
    public static KafkaIdempotencyStore open(KafkaSettings settings, String namespace, Duration window,
                                             String instanceId) {
        return new KafkaIdempotencyStore(settings, namespace, window, instanceId);
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

    private ClaimResult claim(String key, Instant now, Duration window, boolean takeover) {
        String recordKey = KEY_PREFIX + key;
        synchronized (lock(recordKey)) {
            Claim held = claims.holder(key);
            String over = held != null && !held.confirmed() && silent(held, now) ? held.claimant() : null;
            ClaimResult known = claims.answerWithoutLog(key, now, window, takeover, over != null);
            if (known != null) {
                return known; // no need to ask the log
            }
            String claimant = storeId + "#" + claimCounter.incrementAndGet();
            long offset = send(recordKey, record(Entry.claim(claimant, now, window, takeover, over)), "claim");
            awaitFollowed(offset, "claim");
            ClaimResult decided = claims.decided(key, claimant);
            if (decided == ClaimResult.CLAIMED) {
                mine.put(key, claimant);
            }
            return decided;
        }
    }

    /**
     * Whether the holder of an unfinished claim is another store object that has gone silent
     * (see {@link Liveness}): no heartbeat read within the timeout before {@code now}, or a goodbye.
     */
    private boolean silent(Claim held, Instant now) {
        if (!held.beats() || held.claimant().startsWith(storeId + "#") || !liveness.canJudge(System.currentTimeMillis())) {
            return false;
        }
        Instant last = heartbeats.get(storeOf(held.claimant()));
        return last == null || Liveness.silent(last, now); // none within the look-back: silent for a minute
    }

    private static String storeOf(String claimant) {
        int hash = claimant.lastIndexOf('#');
        return hash < 0 ? claimant : claimant.substring(0, hash);
    }

    @Override
    public void confirm(String key) {
        settle(key, Op.CONFIRM, mine.get(key));
    }

    @Override
    public void release(String key) {
        settle(key, Op.RELEASE, mine.remove(key));
    }

    /** Writes a confirm or release of this store object's claim on {@code key} and waits until it is applied. */
    private void settle(String key, Op op, String claimant) {
        if (claimant == null) {
            return; // not claimed here: nothing of ours to settle
        }
        String recordKey = KEY_PREFIX + key;
        synchronized (lock(recordKey)) {
            long offset = send(recordKey, record(Entry.settle(op, claimant)), op.name().toLowerCase());
            awaitFollowed(offset, op.name().toLowerCase());
        }
    }

    @Override
    public int evictExpired(Instant now, Duration window) {
        // send every eviction first and await them together: one round trip, not one per key
        Map<String, Claim> evicting = claims.expired(now, window);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        evicting.forEach((key, claim) -> {
            // names the claim it evicts: a newer claim of the key is left alone; then a tombstone,
            // so that compaction removes the key (only ever after the claim lapsed, see the class)
            sent.add(producer.send(new ProducerRecord<>(topic, KEY_PREFIX + key, record(Entry.evict(claim, window)))));
            sent.add(producer.send(new ProducerRecord<>(topic, KEY_PREFIX + key, null)));
        });
        long last = -1;
        for (Future<RecordMetadata> future : sent) {
            last = Math.max(last, await(future, "evict").offset());
        }
        if (last >= 0) {
            awaitFollowed(last, "evict");
        }
        int removed = 0;
        for (Map.Entry<String, Claim> evicted : evicting.entrySet()) {
            if (claims.isGone(evicted.getKey(), evicted.getValue())) {
                mine.remove(evicted.getKey(), evicted.getValue().claimant());
                removed++;
            }
        }
        return removed;
    }

    @Override
    public AdvanceResult advance(String scope, long position) {
        String recordKey = SCOPE_PREFIX + scope;
        synchronized (lock(recordKey)) {
            Position stored = positions.get(recordKey);
            if (stored == null || position > stored.value()) {
                byte[] value = ("{\"position\":" + position + "}").getBytes(StandardCharsets.UTF_8);
                applyPosition(recordKey, send(recordKey, value, "advance"), position);
                return AdvanceResult.ACCEPTED;
            }
            return AdvanceResult.STALE;
        }
    }

    @Override
    public OptionalLong lastPosition(String scope) {
        Position stored = positions.get(SCOPE_PREFIX + scope);
        return stored == null ? OptionalLong.empty() : OptionalLong.of(stored.value());
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        heartbeat.shutdownNow();
        try {
            // what this store object left unfinished is taken over at once, not after the timeout
            await(producer.send(new ProducerRecord<>(CLAIMANTS_TOPIC, storeId, heartbeatRecord("gone"))), "say goodbye");
        } catch (RuntimeException e) {
            LOG.debug("idempotency store {} could not say goodbye: {}", namespace, e.toString());
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

    private Object lock(String recordKey) {
        return locks[Math.floorMod(recordKey.hashCode(), locks.length)];
    }

    /** A record of a message key as JSON (see the class comment); {@code beats} and {@code over} on claims only. */
    private static byte[] record(Entry entry) {
        ObjectNode node = JSON.createObjectNode();
        node.put("op", entry.op().name().toLowerCase());
        node.put("claimant", entry.claimant());
        node.put("claimedAt", entry.claimedAt().toString());
        node.put("window", entry.window().toMillis());
        node.put("takeover", entry.takeover());
        if (entry.op() == Op.CLAIM) {
            node.put("beats", entry.beats());
            if (entry.over() != null) {
                node.put("over", entry.over());
            }
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] heartbeatRecord(String op) {
        ObjectNode node = JSON.createObjectNode();
        node.put("op", op);
        node.put("at", Instant.now().toString());
        node.put("instance", instanceId);
        node.put("namespace", namespace);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes this store object's heartbeat; {@code confirmed}: waits for the cluster's answer
     * (opening). It counts for {@link Liveness} once the follower has read it back.
     */
    private void beat(boolean confirmed) {
        try {
            Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(CLAIMANTS_TOPIC, storeId, heartbeatRecord("beat")),
                    (metadata, failure) -> {
                        if (failure != null) {
                            liveness.ownBeatFailed();
                        }
                    });
            if (confirmed) {
                await(sent, "announce itself");
            }
        } catch (RuntimeException e) {
            liveness.ownBeatFailed();
            if (confirmed) {
                throw e;
            }
            LOG.debug("idempotency store {} could not write its heartbeat: {}", namespace, e.toString());
        }
    }

    /** Heartbeats: from a minute back, so that the holders alive now are known before the first claim. */
    private void seekClaimantsBack() {
        long since = System.currentTimeMillis() - CLAIMANTS_LOOKBACK.toMillis();
        var found = consumer.offsetsForTimes(Map.of(claimantsPartition, since), Duration.ofMillis(CATCH_UP_TIMEOUT_MILLIS))
                .get(claimantsPartition);
        if (found == null) {
            consumer.seekToEnd(List.of(claimantsPartition));
        } else {
            consumer.seek(claimantsPartition, found.offset());
        }
    }

    /** Applies a heartbeat or goodbye of a store object. */
    private void applyHeartbeat(String store, JsonNode value) {
        Instant at = "gone".equals(value.path("op").asText()) ? Instant.EPOCH : Instant.parse(value.get("at").asText());
        heartbeats.merge(store, at, (current, candidate) -> current.equals(Instant.EPOCH) ? current
                : candidate.equals(Instant.EPOCH) || candidate.isAfter(current) ? candidate : current);
        if (store.equals(storeId) && !at.equals(Instant.EPOCH)) {
            liveness.ownBeat(at.toEpochMilli());
        }
    }

    /** Sends a record, waits for acks=all, answers its offset. */
    private long send(String recordKey, byte[] value, String what) {
        return await(producer.send(new ProducerRecord<>(topic, recordKey, value)), what).offset();
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

    /** Waits until the follower has applied the record at {@code offset}. */
    private void awaitFollowed(long offset, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SEND_TIMEOUT_MILLIS);
        synchronized (progress) {
            while (followed <= offset) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !running) {
                    throw failure(what, new TimeoutException("the topic was not read up to offset " + offset));
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure(what, e);
                }
            }
        }
    }

    private IllegalStateException failure(String what, Throwable cause) {
        return new IllegalStateException("idempotency store (" + namespace + ", topic " + topic + ") could not "
                + what + " a key: " + cause, cause);
    }

    /** Reads a record of a message key and has the claim log apply it, in log order. */
    private void applyClaim(String key, JsonNode value) {
        if (value == null) {
            return; // a tombstone is for compaction; the evict record before it did the removing
        }
        Instant claimedAt = Instant.parse(value.get("claimedAt").asText());
        if (!value.has("op")) { // the earlier format: the state itself
            claims.applyState(key, claimedAt, value.get("confirmed").asBoolean());
            return;
        }
        claims.apply(key, new Entry(Op.valueOf(value.get("op").asText().toUpperCase()), value.get("claimant").asText(),
                claimedAt, Duration.ofMillis(value.get("window").asLong()), value.get("takeover").asBoolean(),
                value.path("beats").asBoolean(false), value.path("over").asText(null)));
    }

    /** Keeps the position of the latest record of the scope, whichever of writer and follower applies it first. */
    private void applyPosition(String recordKey, long offset, long value) {
        positions.merge(recordKey, new Position(offset, value),
                (current, candidate) -> current.offset() >= candidate.offset() ? current : candidate);
    }

    private void catchUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(List.of(partition, claimantsPartition),
                Duration.ofMillis(CATCH_UP_TIMEOUT_MILLIS));
        long end = ends.get(partition);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_TIMEOUT_MILLIS);
        while (followed < end || consumer.position(claimantsPartition) < ends.get(claimantsPartition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("idempotency store (" + namespace + ") could not read topic " + topic
                        + " to its end offset " + end + " within " + CATCH_UP_TIMEOUT_MILLIS + " ms");
            }
            pollOnce(Duration.ofMillis(200));
        }
        LOG.debug("idempotency store {} read {} records of {} ({} keys)", namespace, end, topic, claims.size());
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
            synchronized (progress) {
                progress.notifyAll(); // waiters fail fast instead of timing out
            }
        }
    }

    private void pollOnce(Duration timeout) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            if (record.key() == null) {
                continue;
            }
            try {
                JsonNode value = record.value() == null ? null : JSON.readTree(record.value());
                if (record.topic().equals(CLAIMANTS_TOPIC)) {
                    if (value != null) {
                        applyHeartbeat(record.key(), value);
                    }
                } else if (record.key().startsWith(KEY_PREFIX)) {
                    applyClaim(record.key().substring(KEY_PREFIX.length()), value);
                } else if (record.key().startsWith(SCOPE_PREFIX) && value != null) {
                    applyPosition(record.key(), record.offset(), value.get("position").asLong());
                }
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("idempotency store {} skips an unreadable record at offset {} of {}: {}", namespace,
                        record.offset(), topic, e.toString());
            }
        }
        long position = consumer.position(partition);
        synchronized (progress) {
            followed = position;
            progress.notifyAll();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
