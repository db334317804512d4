package io.edakit.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development broker behind {@code edakit.kafka.embedded=true}, seen by plain kafka-clients: it
 * serves on its fixed loopback port, keeps its records across a restart on the same directory, and
 * refuses a directory or port another broker or socket holds, naming the setting.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DevelopmentKafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void keepsItsRecordsAcrossARestartAndRefusesATakenDirectory() throws Exception {
        Path data = dir.resolve("kafka");
        int port = freePort();
        try (DevelopmentKafkaBroker broker = new DevelopmentKafkaBroker(data, port)) {
            broker.start();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>("dev.orders", "k" + (i % 3), "order-" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            assertThatThrownBy(() -> new DevelopmentKafkaBroker(data, freePort()).start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(data.toString())
                    .hasMessageEndingWith("choose another directory with edakit.kafka.embedded-data-dir");
        }
        try (DevelopmentKafkaBroker restarted = new DevelopmentKafkaBroker(data, port)) {
            restarted.start();
            assertThat(readAll(restarted.bootstrapServers(), "dev.orders", 20)).hasSize(20)
                    .map(ConsumerRecord::value).contains("order-0", "order-19");
        }
    }

    @Test
    void aTakenPortStopsTheStartNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DevelopmentKafkaBroker broker = new DevelopmentKafkaBroker(dir.resolve("kafka"), taken.getLocalPort())) {
            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is in use by another process; stop it "
                            + "or choose another port with edakit.kafka.embedded-port");
        }
    }

    private static KafkaProducer<String, String> producer(String servers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> readAll(String servers, String topic, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG, "dev-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
