package io.edakit.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

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
 * Raw Kafka request-reply: requests to a topic with correlation-id and reply-to headers; one
 * reply topic read by one consumer that assigns its partition (no group, positioned at the end
 * before the first request) and completes the waiting callers; a responder of raw consumers in
 * a group sending the echo and committing after each batch. Producers send at once (linger 0).
 */
final class KafkaRequestReplyBaseline implements BenchTransport.RequestReplyBaseline {

    private static final String CORRELATION_ID = "correlation_id";
    private static final String REPLY_TO = "reply_to";
    private static final long TIMEOUT_SECONDS = 30;

    private final String topic;
    private final String replyTopic;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> replies;
    private final List<KafkaConsumer<String, byte[]>> responders = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final String correlationPrefix = Long.toHexString(System.nanoTime()) + "-";
    private final AtomicLong correlationSequence = new AtomicLong();
    private final LongAdder answered = new LongAdder();
    private volatile boolean running = true;

    KafkaRequestReplyBaseline(String bootstrapServers, String topic, String replyTopic, int consumers) {
        this.topic = topic;
        this.replyTopic = replyTopic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "0",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        this.replies = new KafkaConsumer<>(consumerConfig(bootstrapServers, null));
        TopicPartition replyPartition = new TopicPartition(replyTopic, 0);
        replies.assign(List.of(replyPartition));
        replies.seekToEnd(List.of(replyPartition));
        replies.position(replyPartition);
        threads.add(new Thread(this::readReplies, "bench-kafka-replies"));
        for (int i = 0; i < consumers; i++) {
            KafkaConsumer<String, byte[]> responder = new KafkaConsumer<>(consumerConfig(bootstrapServers, topic));
            responders.add(responder);
            threads.add(new Thread(() -> respond(responder), "bench-kafka-responder-" + i));
        }
        threads.forEach(thread -> {
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers, String group) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return config;
    }

    private void respond(KafkaConsumer<String, byte[]> consumer) {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, byte[]> request : records) {
                    String replyTo = header(request, REPLY_TO);
                    ProducerRecord<String, byte[]> reply = new ProducerRecord<>(replyTo, request.value());
                    reply.headers().add(CORRELATION_ID, request.headers().lastHeader(CORRELATION_ID).value());
                    producer.send(reply);
                    answered.increment();
                }
                if (!records.isEmpty()) {
                    consumer.commitAsync();
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void readReplies() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> reply : replies.poll(Duration.ofMillis(100))) {
                    CompletableFuture<byte[]> waiting = pending.remove(header(reply, CORRELATION_ID));
                    if (waiting != null) {
                        waiting.complete(reply.value());
                    }
                }
            }
        } finally {
            replies.close(Duration.ofSeconds(5));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public BenchTransport.Caller newCaller() {
        return payload -> {
            String correlationId = correlationPrefix + correlationSequence.incrementAndGet();
            CompletableFuture<byte[]> reply = new CompletableFuture<>();
            pending.put(correlationId, reply);
            ProducerRecord<String, byte[]> request = new ProducerRecord<>(topic, payload);
            request.headers().add(CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
            request.headers().add(REPLY_TO, replyTopic.getBytes(StandardCharsets.UTF_8));
            producer.send(request);
            try {
                return reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } finally {
                pending.remove(correlationId);
            }
        };
    }

    @Override
    public long answered() {
        return answered.sum();
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        producer.close(Duration.ofSeconds(5));
    }
}
