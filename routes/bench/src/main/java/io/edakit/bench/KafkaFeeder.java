package io.edakit.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw sender of a Kafka point-to-point run: one producer, acks from all in-sync replicas,
 * idempotent, batching as measured best here (linger 10 ms, 128 KiB batches), sends pipelined.
 */
final class KafkaFeeder implements BenchTransport.Feeder {

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    KafkaFeeder(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "10",
                ProducerConfig.BATCH_SIZE_CONFIG, "131072",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    @Override
    public void send(String channel, int count, byte[] payload) {
        for (int i = 0; i < count; i++) {
            sent.incrementAndGet();
            producer.send(new ProducerRecord<>(channel, payload), (metadata, failure) -> {
                if (failure == null) {
                    confirmed.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, failure);
                }
            });
        }
    }

    @Override
    public void awaitConfirmed(Duration timeout) throws Exception {
        producer.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (confirmed.get() + failed.get() < sent.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + confirmed.get() + " of " + sent.get()
                        + " sends confirmed after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " sends failed", firstFailure.get());
        }
    }

    @Override
    public long unconfirmed() {
        return sent.get() - confirmed.get() - failed.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
