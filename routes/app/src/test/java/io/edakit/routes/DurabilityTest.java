package io.edakit.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** What the handler of one application saw: the messages it began, those it finished, and when. */
    private record Handler(List<String> began, List<String> finished, List<Long> finishedAt) {

        Handler() {
            this(Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()));
        }

        RouteBuilder routes(long delayMillis) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:record")
                            .process(e -> began.add(e.getMessage().getBody(String.class)))
                            .delay(delayMillis).syncDelayed()
                            .process(e -> {
                                finishedAt.add(System.nanoTime());
                                finished.add(e.getMessage().getBody(String.class));
                            });
                }
            };
        }
    }

    private Map<String, String> pointToPoint(String channel, String handler) {
        Map<String, String> config = new LinkedHashMap<>(broker.appSettings(dir.resolve("broker")));
        config.put("camel.route-template[orders].template-id", "point-to-point");
        config.put("camel.route-template[orders].channel", channel);
        config.put("camel.route-template[orders].handler", handler);
        config.put("camel.route-template[orders].concurrent-consumers", "4");
        return config;
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
        Handler handler = new Handler();
        try (TestApp app = TestApp.start(dir, "after-restart", pointToPoint("restart.orders", "direct:record"),
                handler.routes(0))) {
            await().atMost(WAIT).until(() -> handler.finished().size() >= 200);
            assertThat(handler.finished()).hasSize(200).doesNotHaveDuplicates();
        }
    }

    @Test
    void gracefulShutdownFinishesInFlightWorkAndLosesNothing() throws Exception {
        int sent = 100;
        Set<String> bodies = new HashSet<>();
        Handler slow = new Handler();
        long stopBegan;
        TestApp first = TestApp.start(dir, "slow", pointToPoint("graceful.orders", "direct:record"), slow.routes(100));
        try (ChannelClient client = new ChannelClient(broker.clientSettings()).start()) {
            for (int i = 0; i < sent; i++) {
                client.send("graceful.orders", "g-" + i, Map.of());
                bodies.add("g-" + i);
            }
            await().atMost(WAIT).until(() -> slow.finished().size() >= 12);
        } finally {
            stopBegan = System.nanoTime();
            first.close(); // stops the application while its four consumers are busy
        }
        // the stop found work in flight and let it finish: every message the handler began, it finished,
        // some of them after the stop began; none was abandoned half-way (to come back to the next instance)
        assertThat(slow.finished()).hasSizeLessThan(sent).containsExactlyInAnyOrderElementsOf(slow.began());
        assertThat(slow.finishedAt()).anyMatch(at -> at > stopBegan);

        Handler fast = new Handler();
        int rest = sent - slow.finished().size();
        try (TestApp second = TestApp.start(dir, "fast", pointToPoint("graceful.orders", "direct:record"),
                fast.routes(0))) {
            await().atMost(WAIT).until(() -> fast.finished().size() >= rest);
            // and nothing more comes: the finished ones were acknowledged before the consumers closed
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> fast.finished().size() == rest);
        }
        // the unstarted ones went back to the queue: each message handled once, by one of the two
        assertThat(fast.finished()).hasSize(rest).doesNotHaveDuplicates().doesNotContainAnyElementsOf(slow.finished());
        Set<String> handled = new HashSet<>(slow.finished());
        handled.addAll(fast.finished());
        assertThat(handled).isEqualTo(bodies);
    }
}
