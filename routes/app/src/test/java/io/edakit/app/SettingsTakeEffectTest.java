package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edakit.deadletter.FailureHeaders;
import io.edakit.testing.Cli;
import io.edakit.testing.FreePorts;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.JmsQueueReader;
import io.edakit.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings read through the context's settings take effect in a running instance, as outside
 * clients see it: the embedded broker listens on {@code edakit.broker.port} with
 * {@code edakit.broker.password} (a plain JMS client connects there), and {@code dlq redrive} on
 * the command line and over HTTP honours {@code edakit.dlq.max-redrives} and the request's limits,
 * counted by a plain JMS consumer.
 */
@Timeout(120)
class SettingsTakeEffectTest {

    private static final String PASSWORD = "a-password-chosen-for-this-test";

    @TempDir
    Path dir;

    @Test
    void theBrokerPortAndTheRedriveLimitTakeEffect() throws Exception {
        int brokerPort = FreePorts.next();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.broker.port", String.valueOf(brokerPort));
        config.put("edakit.broker.password", PASSWORD);
        config.put("edakit.broker.data-dir", dir.resolve("data/artemis").toString());
        config.put("edakit.dlq.maxRedrives", "1"); // camelCase, as -D options may spell it
        String url = "tcp://127.0.0.1:" + brokerPort;

        try (TestApp app = TestApp.start(dir, "settings", config);
             OutsideClient.Jms client = new OutsideClient.Jms(url, PASSWORD)) {
            for (String channel : new String[] {"orders", "orders.dlq", "held", "held.dlq"}) {
                client.createQueue(channel);
            }
            client.send("orders.dlq", "o-", 5, n -> Map.of(FailureHeaders.CHANNEL, "orders"));
            client.send("held.dlq", "h-", 2, n -> Map.of(FailureHeaders.CHANNEL, "held", FailureHeaders.REDRIVE_COUNT, "1"));

            try (JmsQueueReader orders = new JmsQueueReader(url, "edakit", PASSWORD, "orders");
                 JmsQueueReader held = new JmsQueueReader(url, "edakit", PASSWORD, "held")) {
                Cli.Outcome limited = Cli.run("dlq", "redrive", "orders.dlq", "--max", "3", "--config",
                        app.configFile().toString());
                assertThat(limited.exitCode()).as(limited.err()).isZero();
                assertThat(limited.out()).contains("\"moved\": 3");
                await().atMost(Duration.ofSeconds(20)).until(() -> orders.received().size() == 3);

                Cli.Outcome rest = Cli.run("dlq", "redrive", "orders.dlq", "--ids", "o-3, o-4,no-such-id",
                        "--config", app.configFile().toString());
                assertThat(rest.out()).contains("\"moved\": 2");
                await().atMost(Duration.ofSeconds(20)).until(() -> orders.received().size() == 5);
                assertThat(orders.received()).extracting(message -> message.property("ce_id"))
                        .containsExactlyInAnyOrder("o-0", "o-1", "o-2", "o-3", "o-4");

                // sent back once already: with edakit.dlq.max-redrives=1 they stay (the default, 5, would move them)
                Cli.Outcome atLimit = Cli.run("dlq", "redrive", "held.dlq", "--config", app.configFile().toString());
                assertThat(atLimit.out()).contains("\"moved\": 0").contains("\"atRedriveLimit\": 2");
                HttpResponse<String> overHttp = HttpCalls.operator("POST",
                        app.baseUrl() + "/edakit/dlq/held.dlq/redrive?rate=50", app.operatorToken());
                assertThat(overHttp.statusCode()).as(overHttp.body()).isEqualTo(200);
                assertThat(overHttp.body()).contains("\"moved\":0").contains("\"atRedriveLimit\":2");
                assertThat(client.read("held.dlq")).containsExactlyInAnyOrder("h-0", "h-1");
                assertThat(held.received()).isEmpty();
            }
        }
    }
}
