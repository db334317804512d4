package io.edakit.transport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.edakit.transport.ChannelAdmin;
import io.edakit.transport.ChannelMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waiting messages of Kafka channels (dead letters), for operators.
 *
 * <p>A topic has no "waiting" of its own, so the admin keeps its own position in each channel: the
 * committed offsets of the consumer group {@code edakit.admin.<channel>} (see {@link AdminOffsets}),
 * independent of the channel's receivers. What lies between that position (the partition's first
 * offset while nothing is committed) and the end of the partition is waiting.
 *
 * <ul>
 * <li>{@link #peek} and {@link #take} read oldest first across partitions, by record timestamp
 *     (each partition in offset order; see {@link OldestFirstReader}), with an assigned consumer that
 *     never commits.</li>
 * <li>{@link #take} moves the position one record at a time, after that record's decision completed:
 *     one synchronous offset commit per TAKE or KEEP before the next record is offered. A crash
 *     therefore loses nothing and offers again at most the one record whose decision had completed
 *     but whose commit had not.</li>
 * <li>KEEP must leave the record waiting while the position moves past it (a partition has one
 *     position, and the records after it may be taken). So an identical copy (key, headers, body,
 *     same partition) is appended to the end of the topic, and the position moves past the original
 *     only once the copy is confirmed. The copy lies beyond the call's snapshot, so it is offered by
 *     the next call, not this one. A crash between the two leaves both: one duplicate, nothing lost.</li>
 * <li>{@link #purge} commits the end offsets.</li>
 * </ul>
 *
 * <p>So on Kafka a KEEP is a write (about 4 ms a message here, against about 1 ms for a TAKE): the
 * copy gets a new timestamp, so its retention starts again, and any consumer of the topic sees it as
 * a new record. And the admin group's offsets expire like any group's ({@code offsets.retention.minutes},
 * 7 days by default, counted from the last commit): when they do, everything the topic still holds
 * counts as waiting again.
 *
 * <p>It opens its own clients, configured like the rest of the transport: an admin client, a
 * consumer per peek or take, and a producer on the first KEEP. One admin may serve several calls at
 * once, but two takes of the same channel (by one admin or two processes) would offer the same
 * records: the position is not locked.
 */
final class KafkaChannelAdmin implements ChannelAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaChannelAdmin.class);
    private static final long DECISION_TIMEOUT_MINUTES = 10;
    private static final long SEND_TIMEOUT_MILLIS = 30_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_POLL_RECORDS = 500;
    private static final long SCAN_TIMEOUT_MILLIS = 10_000;
    private static final Duration SCAN_POLL = Duration.ofMillis(200);

    private final KafkaClientConfigs configs;
    private final Admin admin;
    private final AdminOffsets offsets;
    private Producer<String, byte[]> producer; // opened on the first KEEP, guarded by this
    private boolean closed; // guarded by this

    KafkaChannelAdmin(KafkaClientConfigs configs, String bootstrapServers) {
        this.configs = configs;
        Map<String, Object> adminConfig = configs.admin();
        LOG.debug("Kafka channel admin config {}", KafkaClientConfigs.describe(adminConfig));
        this.admin = Admin.create(adminConfig);
        this.offsets = new AdminOffsets(admin, bootstrapServers);
    }

    @Override
    public List<ChannelDepth> channels(String suffix) throws Exception {
        ensureOpen();
        Map<String, ChannelBacklog> backlogs = offsets.backlogs(offsets.partitions(offsets.channelTopics(suffix)));
        List<ChannelDepth> depths = new ArrayList<>();
        backlogs.forEach((channel, backlog) -> depths.add(new ChannelDepth(channel, backlog.waiting())));
        depths.sort(Comparator.comparing(ChannelDepth::channel));
        return depths;
    }

    /**
     * Reads the record at the admin's position (the oldest waiting) of every partition that has
     * one, with one consumer for all topics, and keeps the topics where one of them carries a
     * header starting with {@code headerPrefix}.
     */
    @Override
    public List<ChannelDepth> channelsHolding(String headerPrefix) throws Exception {
        ensureOpen();
        Map<String, ChannelBacklog> backlogs = offsets.backlogs(offsets.partitions(offsets.channelTopics("")));
        Map<TopicPartition, Long> oldest = new HashMap<>();
        backlogs.values().forEach(backlog -> backlog.positions().forEach((partition, position) -> {
            if (backlog.waiting(partition) > 0) {
                oldest.put(partition, position);
            }
        }));
        Set<String> holding = new TreeSet<>();
        if (!oldest.isEmpty()) {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(configs.consumer(null, "admin-scan",
                    MAX_POLL_RECORDS))) {
                consumer.assign(oldest.keySet());
                oldest.forEach(consumer::seek);
                Set<TopicPartition> unread = new HashSet<>(oldest.keySet());
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SCAN_TIMEOUT_MILLIS);
                while (!unread.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(SCAN_POLL)) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        if (unread.remove(partition)) { // its oldest waiting record; the rest of the batch does not count
                            consumer.pause(List.of(partition));
                            if (Arrays.stream(record.headers().toArray()).anyMatch(h -> h.key().startsWith(headerPrefix))) {
                                holding.add(record.topic());
                            }
                        }
                    }
                }
                if (!unread.isEmpty()) {
                    LOG.warn("Looking for dead letters: no record read within {} ms from {}", SCAN_TIMEOUT_MILLIS, unread);
                }
            }
        }
        List<ChannelDepth> depths = new ArrayList<>();
        holding.forEach(channel -> depths.add(new ChannelDepth(channel, backlogs.get(channel).waiting())));
        return depths;
    }

    @Override
    public List<ChannelMessage> peek(String channel, int limit) throws Exception {
        if (limit < 0) {
            throw new IllegalArgumentException("peek limit must not be negative, was " + limit);
        }
        ensureOpen();
        ChannelBacklog backlog = offsets.backlog(channel);
        List<ChannelMessage> messages = new ArrayList<>();
        if (limit == 0 || backlog.waiting() == 0) {
            return messages;
        }
        try (OldestFirstReader reader = reader(backlog, Math.min(limit, MAX_POLL_RECORDS))) {
            for (ConsumerRecord<String, byte[]> record = reader.next(); record != null; record = reader.next()) {
                messages.add(RecordMapping.fromRecord(record, 1));
                if (messages.size() == limit) {
                    break;
                }
            }
        }
        return messages;
    }

    @Override
    public TakeSummary take(String channel, Function<ChannelMessage, CompletionStage<Decision>> decide) throws Exception {
        Objects.requireNonNull(decide, "decide");
        ensureOpen();
        ChannelBacklog snapshot = offsets.backlog(channel); // what arrives later lies beyond its end offsets
        long offered = 0;
        long taken = 0;
        long kept = 0;
        if (snapshot.waiting() > 0) {
            try (OldestFirstReader reader = reader(snapshot, MAX_POLL_RECORDS)) {
                for (ConsumerRecord<String, byte[]> record = reader.next(); record != null; record = reader.next()) {
                    offered++;
                    Decision decision = decide(channel, record, decide);
                    if (decision == Decision.STOP) {
                        kept++; // stays where it is: the position does not move past it
                        break;
                    }
                    if (decision == Decision.KEEP) {
                        appendCopy(record);
                        kept++;
                    } else {
                        taken++;
                    }
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    offsets.commit(channel, Map.of(partition, record.offset() + 1), decision == Decision.KEEP ? "keep" : "take");
                }
            }
        }
        LOG.info("Channel {}: {} messages offered, {} taken, {} kept", channel, offered, taken, kept);
        return new TakeSummary(offered, taken, kept);
    }

    @Override
    public long purge(String channel) throws Exception {
        ensureOpen();
        ChannelBacklog backlog = offsets.backlog(channel);
        Map<TopicPartition, Long> ends = new HashMap<>();
        backlog.ends().forEach((partition, end) -> {
            if (backlog.waiting(partition) > 0) {
                ends.put(partition, end);
            }
        });
        if (!ends.isEmpty()) {
            offsets.commit(channel, ends, "purge");
        }
        LOG.info("Channel {}: purged {} waiting messages", channel, backlog.waiting());
        return backlog.waiting();
    }

    @Override
    public void close() {
        Producer<String, byte[]> opened;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            opened = producer;
            producer = null;
        }
        if (opened != null) {
            opened.close(CLOSE_TIMEOUT);
        }
        admin.close(CLOSE_TIMEOUT);
    }

    private OldestFirstReader reader(ChannelBacklog backlog, int maxPollRecords) {
        String channel = backlog.channel();
        return new OldestFirstReader(new KafkaConsumer<>(configs.consumer(null, "admin-" + channel,
                Math.max(16, maxPollRecords))), backlog);
    }

    /**
     * Offers one record and waits for the decision. A failure (thrown, a failed or timed-out stage,
     * no decision) ends the take: it propagates and the position stays before the record.
     */
    private static Decision decide(String channel, ConsumerRecord<String, byte[]> record,
                                   Function<ChannelMessage, CompletionStage<Decision>> decide) throws Exception {
        try {
            CompletionStage<Decision> stage = decide.apply(RecordMapping.fromRecord(record, 1));
            if (stage == null) {
                throw new IllegalStateException("the decision function returned no stage");
            }
            Decision decision = stage.toCompletableFuture().get(DECISION_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (decision == null) {
                throw new IllegalStateException("the decision completed without a decision");
            }
            return decision;
        } catch (ExecutionException e) {
            Exception cause = e.getCause() instanceof Exception failure ? failure : e;
            stopped(channel, record, cause);
            throw cause;
        } catch (TimeoutException e) {
            TimeoutException timeout = new TimeoutException("no decision on the message at " + where(record)
                    + " of channel '" + channel + "' within " + DECISION_TIMEOUT_MINUTES + " minutes");
            stopped(channel, record, timeout);
            throw timeout;
        } catch (Exception e) {
            stopped(channel, record, e);
            throw e;
        }
    }

    private static void stopped(String channel, ConsumerRecord<String, byte[]> record, Exception failure) {
        LOG.warn("Channel {}: take stopped, the decision on the message at {} failed (it stays waiting): {}",
                channel, where(record), failure.toString());
    }

    /**
     * Appends an identical copy of a kept record (key, headers as written, body) to the end of its
     * partition and waits for the brokers' confirmation. Flushing skips the producer's linger: the
     * take waits for this one record anyway.
     */
    private void appendCopy(ConsumerRecord<String, byte[]> record) throws Exception {
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(record.topic(), record.partition(), null,
                record.key(), record.value(), new RecordHeaders(record.headers().toArray()));
        Producer<String, byte[]> copies = producer();
        try {
            Future<RecordMetadata> confirmed = copies.send(copy);
            copies.flush();
            confirmed.get(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Cannot keep the message at " + where(record) + " of channel '"
                    + record.topic() + "': appending its copy failed (" + cause + "); it stays waiting", cause);
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        ensureOpen();
        if (producer == null) {
            Map<String, Object> config = configs.producer();
            LOG.debug("Kafka channel admin producer config {}", KafkaClientConfigs.describe(config));
            producer = new KafkaProducer<>(config);
        }
        return producer;
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Kafka channel admin is closed");
        }
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return "partition " + record.partition() + " offset " + record.offset();
    }
}
