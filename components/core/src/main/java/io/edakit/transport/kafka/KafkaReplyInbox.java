package io.edakit.transport.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ReplyInbox;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's reply topic ({@code edakit.reply.<instance id>}, one partition), read by a
 * consumer that assigns the partition itself: no group to join, so replies flow from the first
 * request on instead of after a rebalance, and no offsets to commit, since a reply is only worth
 * something to the request still waiting for it.
 *
 * <p>The consumer starts at the end of the topic, resolved before the inbox is handed out, so
 * replies left over from an earlier run of the same instance are skipped while no reply to a
 * request of this run can be. The topic is deleted on close only when this inbox created it.
 */
final class KafkaReplyInbox implements ReplyInbox, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaReplyInbox.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long CLOSE_JOIN_MILLIS = 5_000;

    private final String topic;
    private final TopicManager topics;
    private final boolean created;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<ChannelMessage> onReply;
    private final Thread thread;
    private volatile boolean running = true;

    private KafkaReplyInbox(String topic, TopicManager topics, boolean created, KafkaConsumer<String, byte[]> consumer,
                            Consumer<ChannelMessage> onReply) {
        this.topic = topic;
        this.topics = topics;
        this.created = created;
        this.consumer = consumer;
        this.onReply = onReply;
        this.thread = new Thread(this, "edakit-kafka-replies-" + topic);
        thread.setDaemon(true);
    }

    /** Ensures the reply topic exists, positions a consumer at its end and starts reading. */
    static KafkaReplyInbox open(String topic, TopicManager topics, Map<String, Object> consumerConfig,
                                Consumer<ChannelMessage> onReply) {
        boolean created = topics.ensure(topic, 1);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig);
        try {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition); // resolves the lazy seek now, before any request names this inbox
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            if (created) {
                topics.delete(topic);
            }
            throw e;
        }
        KafkaReplyInbox inbox = new KafkaReplyInbox(topic, topics, created, consumer, onReply);
        inbox.thread.start();
        return inbox;
    }

    @Override
    public String address() {
        return topic;
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    handOver(record);
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("Reply inbox {} stopped reading: {}", topic, e.toString(), e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handOver(ConsumerRecord<String, byte[]> record) {
        try {
            onReply.accept(RecordMapping.fromRecord(record, 1));
        } catch (RuntimeException e) {
            LOG.warn("Reply handling failed on {}: {}", topic, e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(CLOSE_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (created) {
            topics.delete(topic);
        }
    }
}
