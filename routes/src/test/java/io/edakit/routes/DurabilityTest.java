package io.edakit.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.ChannelClient;
import io.edakit.testing.TestApp;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What survives a stop: persistent messages across a broker restart, in-flight work across a shutdown. */
class DurabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ArtemisFixture broker = new ArtemisFixture();
    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());

    private Map<String, String> pointToPoint(String channel, String handler) {
        Map<String, String> config = new LinkedHashMap<>(broker.appSettings(dir.resolve("broker")));
        config.put("camel.route-template[orders].template-id", "point-to-point");
        config.put("camel.route-template[orders].channel", channel);
        config.put("camel.route-template[orders].handler", handler);
        config.put("camel.route-template[orders].concurrent-consumers", "4");
        return config;
    }

    private RouteBuilder recordingHandler(long delayMillis) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:record").delay(delayMillis).syncDelayed().process(e -> handled.add(e.getMessage().getBody(String.class)));
            }
        };
    }

    @Test
    void messagesSentButNotConsumedSurviveABrokerRestart() throws Exception {
        // first run: the broker, no consumer of the channel yet
        try (TestApp app = TestApp.start(dir, "before-restart", new LinkedHashMap<>(broker.appSettings(dir.resolve("broker"))));
             ChannelClient client = new ChannelClient(broker.clientSettings()).start()) {
            for (int i = 0; i < 200; i++) {
                client.send("restart.orders", "o-" + i, Map.of());
            }
        }
        // second run on the same journal: the consumer finds every message
        try (TestApp app = TestApp.start(dir, "after-restart", pointToPoint("restart.orders", "direct:record"),
                recordingHandler(0))) {
            await().atMost(WAIT).until(() -> handled.size() >= 200);
            assertThat(handled).hasSize(200).doesNotHaveDuplicates();
        }
    }

    @Test
    void gracefulShutdownFinishesInFlightWorkAndLosesNothing() throws Exception {
        int sent = 100;
        try (TestApp app = TestApp.start(dir, "slow", pointToPoint("graceful.orders", "direct:record"),
                recordingHandler(100));
             ChannelClient client = new ChannelClient(broker.clientSettings()).start()) {
            for (int i = 0; i < sent; i++) {
                client.send("graceful.orders", "g-" + i, Map.of());
            }
            await().atMost(WAIT).until(() -> handled.size() >= 12);
        } // stops the client, then the application while its four consumers are busy
        int handledBeforeStop = handled.size();
        assertThat(handledBeforeStop).isLessThan(sent);

        try (TestApp app = TestApp.start(dir, "fast", pointToPoint("graceful.orders", "direct:record"),
                recordingHandler(0))) {
            await().atMost(WAIT).until(() -> handled.size() >= sent);
        }
        // every message handled, none twice: in-flight exchanges finished and were acknowledged
        // before the consumers closed, unstarted ones went back to the queue
        assertThat(handled).hasSize(sent).doesNotHaveDuplicates();
    }
}
