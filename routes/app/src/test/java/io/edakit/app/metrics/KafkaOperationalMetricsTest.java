package io.edakit.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edakit.testing.KafkaFixture;
import io.edakit.testing.PlainClient;
import io.edakit.testing.TransportFixture;
import org.junit.jupiter.api.Test;

/** The operational metrics on the in-process Kafka broker, with the consumer lag gauge. */
class KafkaOperationalMetricsTest extends OperationalMetricsTest {

    private static final String SLOW_LAG = "channel=\"m.slow\",group=\"m.slow\",route=\"slow\"";

    private static String lagLines(String scrape) {
        return String.join("\n", scrape.lines().filter(line -> line.contains("consumer_lag")).toList());
    }

    @Override
    protected TransportFixture createTransport() {
        return new KafkaFixture();
    }

    @Test
    void consumerLagGrowsWhileTheHandlerIsStuckAndDrainsAfter() {
        try (PlainClient client = transport.plainClient()) {
            for (int i = 0; i < 100; i++) {
                client.sendText("m.slow", "slow " + i, event("slow-" + i), null);
            }
        }
        // the handler is stuck on the first record: the group has committed none of them
        await().atMost(WAIT).untilAsserted(() -> {
            String scrape = metrics();
            assertThat(sample(scrape, "edakit_kafka_consumer_lag", SLOW_LAG)).as(lagLines(scrape)).isEqualTo(100);
        });
        releaseSlow.countDown();
        await().atMost(WAIT).until(() -> sample(metrics(), "edakit_kafka_consumer_lag", SLOW_LAG) == 0);
    }
}
