package io.edakit.transport.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.edakit.transport.ChannelAddress;
import io.edakit.transport.ChannelReceiver;
import io.edakit.transport.MessageSink;
import io.edakit.transport.ReceiveOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one channel's topic as one consumer group, with {@code consumer-threads} consumers (each
 * on its own thread, see {@link ConsumerLoop}) sharing one in-flight window of
 * {@code maxInFlight} records.
 *
 * <p>The group is named like the Artemis queue behind the same address: the channel for
 * point-to-point receivers (all of them compete), {@code channel@group} for a subscriber group
 * (each group reads every record, its members compete).
 */
public final class KafkaReceiver implements ChannelReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaReceiver.class);
    private static final long JOIN_MARGIN_MILLIS = 15_000;
    private static final int MAX_POLL_RECORDS = 500;

    /**
     * Accepted records a receiver may hold that no confirmed offset commit covers yet (see
     * {@link InFlightWindow}). A commit costs the cluster far more than a record (measured on one
     * in-process broker: about 2 ms of broker CPU each), so commits must stay few: every 200 ms,
     * or when a consumer has its share of half of this waiting. Measured here, a budget of 64
     * halved a consumer's throughput and 1,024 shared by four consumers still cost a quarter.
     */
    public static final int MAX_UNCOMMITTED = 4_096;

    private final ChannelAddress address;
    private final MessageSink sink;
    private final KafkaClientConfigs configs;
    private final TopicManager topics;
    private final DeliveryCounts deliveryCounts;
    private final int consumerCount;
    private final int maxPollRecords;
    private final InFlightWindow window;
    private final List<ConsumerLoop> loops = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    KafkaReceiver(ChannelAddress address, ReceiveOptions options, MessageSink sink, KafkaClientConfigs configs,
                  TopicManager topics, DeliveryCounts deliveryCounts, int consumerCount) {
        this.address = address;
        this.sink = sink;
        this.configs = configs;
        this.topics = topics;
        this.deliveryCounts = deliveryCounts;
        this.consumerCount = consumerCount;
        this.window = new InFlightWindow(options.maxInFlight(), options.refill(), MAX_UNCOMMITTED, consumerCount);
        this.maxPollRecords = Math.min(MAX_POLL_RECORDS, Math.max(16, 2 * options.maxInFlight()));
    }

    @Override
    public synchronized void start() {
        if (!loops.isEmpty()) {
            return;
        }
        topics.ensure(address.channel());
        String group = address.consumerGroupName();
        List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
        try {
            for (int i = 0; i < consumerCount; i++) {
                consumers.add(new KafkaConsumer<>(configs.consumer(group, group + "-" + i, maxPollRecords)));
            }
        } catch (RuntimeException e) {
            consumers.forEach(consumer -> consumer.close(Duration.ZERO));
            throw e;
        }
        for (int i = 0; i < consumerCount; i++) {
            String name = address + "#" + i;
            ConsumerLoop loop = new ConsumerLoop(name, consumers.get(i), address.channel(), sink, window, deliveryCounts);
            Thread thread = new Thread(loop, "edakit-kafka-" + name);
            thread.setDaemon(true);
            loops.add(loop);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        LOG.debug("Kafka receiver on {} started: group {}, {} consumers", address, group, consumerCount);
    }

    @Override
    public synchronized void stop(Duration drainTimeout) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        loops.forEach(loop -> loop.stop(deadline));
        long joinUntil = deadline + TimeUnit.MILLISECONDS.toNanos(JOIN_MARGIN_MILLIS);
        for (Thread thread : threads) {
            try {
                long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinUntil - System.nanoTime()));
                thread.join(waitMillis);
                if (thread.isAlive()) {
                    LOG.warn("Kafka receiver thread {} did not stop in time", thread.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        loops.clear();
        threads.clear();
    }

    @Override
    public int inFlight() {
        return window.used();
    }

    /** The partitions this receiver's consumers read now (empty until the group has assigned them). */
    public Set<TopicPartition> assignment() {
        Set<TopicPartition> all = new HashSet<>();
        loops.forEach(loop -> all.addAll(loop.assignment()));
        return all;
    }
}
