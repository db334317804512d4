package io.edakit.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain kafka-clients as an outside application uses a channel: it writes records to the topic
 * named like the channel (headers as UTF-8 bytes, the ordering key as record key) and reads a
 * channel's point-to-point stream as the consumer group named like it. A request's reply goes to
 * the topic named in its {@code edakit_reply_to} header, with its {@code edakit_correlation_id}.
 */
public final class PlainKafkaClient implements PlainClient {

    public static final String REPLY_TO = "edakit_reply_to";
    public static final String CORRELATION_ID = "edakit_correlation_id";

    private final String bootstrapServers;
    private final KafkaProducer<String, String> textProducer;
    private final KafkaProducer<String, byte[]> bytesProducer;
    private final Admin admin;

    public PlainKafkaClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        textProducer = new KafkaProducer<>(producer);
        Map<String, Object> bytes = new HashMap<>(producer);
        bytes.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        bytesProducer = new KafkaProducer<>(bytes);
        admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    @Override
    public void sendText(String channel, String text, Map<String, String> headers, String key) {
        send(textProducer, record(channel, text, headers, key));
    }

    @Override
    public void sendBytes(String channel, byte[] body, Map<String, String> headers, String key) {
        send(bytesProducer, record(channel, body, headers, key));
    }

    private static <V> ProducerRecord<String, V> record(String topic, V value, Map<String, String> headers, String key) {
        ProducerRecord<String, V> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static <V> void send(KafkaProducer<String, V> producer, ProducerRecord<String, V> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + record.topic(), e);
        }
    }

    @Override
    public List<PlainMessage> take(String channel, int count, Duration timeout) {
        List<PlainMessage> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer(channel)) {
            consumer.subscribe(List.of(channel));
            while (taken.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    taken.add(read(record));
                }
            }
            consumer.commitSync();
        }
        return taken;
    }

    /** A consumer of {@code group} reading from the start of what the group has not committed yet. */
    public KafkaConsumer<String, byte[]> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // reading a channel nobody wrote to yet must not create its topic with the broker's defaults
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
    }

    /** A record as its value and headers (decoded as UTF-8); reply-to and correlation from edakit's two headers. */
    public static PlainMessage read(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new PlainMessage(record.value() == null ? new byte[0] : record.value(), headers, record.key(),
                headers.get(CORRELATION_ID), headers.get(REPLY_TO));
    }

    @Override
    public PlainMessage request(String channel, String text, Duration timeout) {
        String replies = "plain-replies-" + UUID.randomUUID();
        String correlation = UUID.randomUUID().toString();
        try (KafkaConsumer<String, byte[]> consumer = consumer(replies)) {
            admin.createTopics(List.of(new NewTopic(replies, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            TopicPartition partition = new TopicPartition(replies, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            sendText(channel, text, Map.of(REPLY_TO, replies, CORRELATION_ID, correlation), null);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    PlainMessage reply = read(record);
                    if (!correlation.equals(reply.correlationId())) {
                        throw new IllegalStateException("reply correlates with " + reply.correlationId()
                                + ", not with the request's " + correlation);
                    }
                    return reply;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            admin.deleteTopics(List.of(replies));
        }
    }

    @Override
    public void reply(PlainMessage request, String body) {
        sendText(request.replyTo(), body, Map.of(CORRELATION_ID, request.correlationId()), null);
    }

    @Override
    public Set<String> receivers(String channel) {
        try {
            Set<String> groups = new HashSet<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
                var offsets = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                if (offsets.keySet().stream().anyMatch(partition -> partition.topic().equals(channel))) {
                    groups.add(group.groupId());
                }
            }
            return groups;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String dataContentTypeHeader() {
        return "content-type";
    }

    @Override
    public void close() {
        textProducer.close(Duration.ofSeconds(5));
        bytesProducer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
