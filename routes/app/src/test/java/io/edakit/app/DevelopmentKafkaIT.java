package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.edakit.testing.FatJar;
import io.edakit.testing.FatJar.Outcome;
import io.edakit.testing.FreePorts;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.Jsoner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
 * Trying Kafka locally with {@code run}: the shipped point-to-point configuration on Kafka, with the
 * development broker the jar starts itself ({@code edakit.kafka.embedded=true}), in a child JVM.
 * Outside clients on both sides: a plain kafka-clients producer and an HTTP client send, a plain
 * kafka-clients consumer reads what the handler forwarded. The management server runs on a port of
 * its own, which Camel 4.17 alone could not do.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DevelopmentKafkaIT {

    @TempDir
    Path dir;

    @Test
    void thePointToPointConfigurationRunsEndToEndOnTheDevelopmentBroker() throws Exception {
        int kafkaPort = FreePorts.next();
        int httpPort = FreePorts.next();
        int managementPort = FreePorts.next();
        String servers = "127.0.0.1:" + kafkaPort;
        Map<String, String> local = new LinkedHashMap<>();
        local.put("edakit.transport", "kafka");
        local.put("edakit.kafka.embedded", "true");
        local.put("edakit.kafka.embedded-port", String.valueOf(kafkaPort));
        local.put("edakit.kafka.embedded-data-dir", dir.resolve("data/kafka").toString());
        local.put("camel.server.port", String.valueOf(httpPort));
        local.put("camel.management.port", String.valueOf(managementPort));
        // no demo timer (another route file instead of the order source): only what this test sends
        // flows, so that every message can be counted
        local.put("camel.main.routes-include-pattern", "classpath:edakit/demo/quote-handler.yaml");
        local.put("camel.route-template[orders].handler", "channel:orders.handled?exchangePattern=InOnly");
        Path shipped = Path.of("..", "config", "point-to-point.properties").toAbsolutePath().normalize();
        Path overrides = TestApp.writeProperties(dir.resolve("local-kafka.properties"), local);
        Path log = dir.resolve("app.log");

        Process app = FatJar.start(dir, log, "run", "--config", shipped.toString(), "--config", overrides.toString());
        try {
            String management = "http://127.0.0.1:" + managementPort;
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> HttpCalls.get(management + "/observe/health/ready").statusCode() == 200);
            assertThat(Files.readString(log)).contains("Development Kafka broker started")
                    .contains("for trying Kafka on this machine only");
            assertThat(dir.resolve("data/kafka/meta.properties")).as("data under the data directory").exists();

            Set<String> sent = new HashSet<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 50; i++) {
                    ProducerRecord<String, String> record = new ProducerRecord<>("orders", "customer-" + (i % 4),
                            "{\"order\": \"kafka-" + i + "\"}");
                    record.headers().add("ce_type", "order.created".getBytes(StandardCharsets.UTF_8));
                    producer.send(record).get(30, TimeUnit.SECONDS);
                    sent.add(record.value());
                }
            }
            for (int i = 0; i < 10; i++) {
                String body = "{\"order\": \"http-" + i + "\"}";
                HttpResponse<String> accepted = HttpCalls.post("http://127.0.0.1:" + httpPort + "/orders", body);
                assertThat(accepted.statusCode()).isEqualTo(202);
                sent.add(body);
            }

            assertThat(readHandled(servers, sent.size())).containsExactlyInAnyOrderElementsOf(sent);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    HttpCalls.get(management + "/observe/metrics").body())
                    .contains(messages("completed", sent.size()), messages("dead-lettered", 0), messages("dropped", 0),
                            messages("failed", 0)));

            // the command line finds the development broker from the same files
            Outcome list = FatJar.run(dir, Duration.ofSeconds(90), "dlq", "list", "--json",
                    "--config", shipped.toString(), "--config", overrides.toString());
            assertThat(list.exitCode()).as(list.stderr()).isZero();
            assertThat(Jsoner.deserialize(list.stdout())).isInstanceOf(JsonArray.class);
        } finally {
            app.destroy();
        }
        assertThat(app.waitFor(90, TimeUnit.SECONDS)).as("stopped").isTrue();
        assertThat(Files.readString(log)).contains("Development Kafka broker stopped").contains("edakit) shutdown in")
                .doesNotContain(" ERROR ");
    }

    /** The metrics line of the point-to-point instance's messages with {@code outcome}. */
    private static String messages(String outcome, int count) {
        return "edakit_messages_total{outcome=\"" + outcome + "\",route=\"orders\",template=\"point-to-point\"} "
                + count + ".0";
    }

    /** Every record the handler forwarded, read by a plain consumer until {@code expected} arrived. */
    private static List<String> readHandled(String servers, int expected) {
        List<String> handled = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG, "it-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("orders.handled"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (handled.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> handled.add(record.value()));
            }
            // a little longer: a duplicate would show here
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> handled.add(record.value()));
        }
        return handled;
    }
}
