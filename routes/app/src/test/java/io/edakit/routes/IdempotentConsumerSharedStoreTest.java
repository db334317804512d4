package io.edakit.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.channel.ChannelHeaders;
import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.TransportFixture;
import io.edakit.testing.ChannelClient;
import io.edakit.testing.TestApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two application instances compete for one channel and share one idempotency store: a duplicate
 * is dropped whichever instance receives it, so every event has its effect exactly once across
 * both. On Artemis (the second instance a client of the first's embedded broker) with PostgreSQL,
 * and on Kafka with the Kafka store (subclass).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentConsumerSharedStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
    private EmbeddedPostgres postgres;
    private TestApp first;
    private TestApp second;
    private ChannelClient client;
    private TransportFixture transport;
    private final AtomicInteger sends = new AtomicInteger();

    /** The transport both instances use. */
    protected TransportFixture transport() {
        return new ArtemisFixture();
    }

    /** The store both instances share. */
    protected Map<String, String> storeSettings() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        return Map.of("edakit.idempotency.store", "jdbc",
                "edakit.idempotency.jdbc-url", postgres.getJdbcUrl("postgres", "postgres"),
                "edakit.idempotency.jdbc-user", "postgres");
    }

    @BeforeAll
    void start() throws Exception {
        Path workDir = Files.createTempDirectory("edakit-idempotent-");
        transport = transport();

        Map<String, String> shared = new LinkedHashMap<>(storeSettings());
        shared.put("camel.route-template[payments].template-id", "idempotent-consumer");
        shared.put("camel.route-template[payments].channel", "shared.in." + transport.name());
        shared.put("camel.route-template[payments].handler", "direct:effect");
        shared.put("camel.route-template[payments].concurrent-consumers", "4");

        Map<String, String> firstConfig = new LinkedHashMap<>(transport.appSettings(workDir.resolve("first")));
        firstConfig.put("edakit.instance-id", "first");
        firstConfig.putAll(shared);
        first = TestApp.start(workDir, "first", firstConfig, effectRoute());

        Map<String, String> secondConfig = new LinkedHashMap<>(transport.clientSettings());
        secondConfig.put("edakit.instance-id", "second");
        secondConfig.putAll(shared);
        second = TestApp.start(workDir, "second", secondConfig, effectRoute());

        client = new ChannelClient(transport.clientSettings()).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private RouteBuilder effectRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:effect").process(exchange -> effects
                        .computeIfAbsent(exchange.getMessage().getBody(String.class), body -> new AtomicInteger())
                        .incrementAndGet());
            }
        };
    }

    @Test
    void twoInstancesSharingAStoreHaveEachEffectExactlyOnce() {
        // until both instances take part (a Kafka consumer group needs a rebalance for the second), one
        // new event per poll; or the test would prove nothing about sharing
        AtomicInteger warmUps = new AtomicInteger();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            int n = warmUps.getAndIncrement();
            send("w-" + n, "warm-" + n);
            return count(first, "received") > 0 && count(second, "received") > 0;
        });
        int unique = 200;
        int sent = warmUps.get();
        for (int i = 0; i < unique; i++) {
            send("p-" + i, "pay-" + i);
            sent++;
            if (i % 4 == 3) { // 20% duplicates: each re-sends an event two positions back
                send("p-" + (i - 2), "pay-" + (i - 2));
                sent++;
            }
        }
        int total = sent;
        int distinct = unique + warmUps.get();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count("completed") + count("dropped")).isEqualTo(total));
        assertThat(effects).hasSize(distinct);
        assertThat(effects.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(count("completed")).isEqualTo(distinct);
        assertThat(count("dropped")).isEqualTo(total - distinct);
        assertThat(count("failed") + count("dead-lettered")).isZero();
    }

    /**
     * Sends one event with an ordering key of its own: a duplicate gets another key than its original,
     * so on Kafka it lands on any partition, hence on either instance (keyless records would stick to
     * one partition for thousands of sends).
     */
    private void send(String body, String id) {
        client.send(channel(), body, Map.of("ce_id", id, ChannelHeaders.KEY, "send-" + sends.incrementAndGet()));
    }

    private String channel() {
        return "shared.in." + transport.name();
    }

    private long count(String outcome) {
        return count(first, outcome) + count(second, outcome);
    }

    private static long count(TestApp app, String outcome) {
        return app.messages("payments", outcome);
    }
}
