package io.edakit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.edakit.broker.kafka.SharedKafkaBroker;
import io.edakit.config.SettingSource;
import io.edakit.transport.kafka.KafkaSettings;
import io.edakit.transport.kafka.idempotency.KafkaIdempotencyStore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Kafka store on the shared test broker. Every contract test holds as written: the contract's
 * races are between threads of one store object, which this store serializes per key. What it does
 * not promise (two store objects racing on one key) is not in the contract; the tests below pin
 * what it does promise across store objects: a store opened later, or one that is following, sees
 * what another wrote.
 */
class KafkaIdempotencyStoreTest extends IdempotencyStoreContractTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private final List<IdempotencyStore> extra = new ArrayList<>();

    private static KafkaSettings settings() {
        Map<String, String> values = Map.of("edakit.transport", "kafka",
                KafkaSettings.BOOTSTRAP_SERVERS.name(), SharedKafkaBroker.bootstrapServers());
        return KafkaSettings.from(SettingSource.of(key -> Optional.ofNullable(values.get(key))));
    }

    @Override
    protected IdempotencyStore open(String namespace) {
        // a namespace of its own per test class run: topics outlive a test on the shared broker
        return KafkaIdempotencyStore.open(settings(), "kafka-store-test-" + namespace, WINDOW, "test");
    }

    @Override
    protected Elsewhere openElsewhere(String namespace) {
        KafkaIdempotencyStore other = openExtra("kafka-store-test-" + namespace);
        return new Elsewhere(other, other);
    }

    /** With plain kafka-clients, the records a killed store object leaves: its last heartbeat and its claim. */
    @Override
    protected boolean leaveClaim(String namespace, String key, Instant claimedAt, Instant lastHeartbeat) throws Exception {
        String killed = "killed-" + UUID.randomUUID();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(KafkaIdempotencyStore.CLAIMANTS_TOPIC, killed,
                    "{\"op\":\"beat\",\"at\":\"" + lastHeartbeat + "\",\"instance\":\"killed\"}")).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(KafkaIdempotencyStore.topic("kafka-store-test-" + namespace), "key:" + key,
                    "{\"op\":\"claim\",\"claimant\":\"" + killed + "#1\",\"claimedAt\":\"" + claimedAt
                            + "\",\"window\":" + WINDOW.toMillis() + ",\"takeover\":false,\"beats\":true}"))
                    .get(30, TimeUnit.SECONDS);
        }
        return true;
    }

    private KafkaIdempotencyStore openExtra(String namespace) {
        KafkaIdempotencyStore store = KafkaIdempotencyStore.open(settings(), namespace, WINDOW, "test");
        extra.add(store);
        return store;
    }

    @AfterEach
    void closeExtra() {
        extra.forEach(IdempotencyStore::close);
    }

    @Test
    void aStoreOpenedLaterOnTheSameNamespaceSeesConfirmedKeysReleasesAndPositions() {
        String namespace = "kafka-store-test-" + UUID.randomUUID();
        KafkaIdempotencyStore first = openExtra(namespace);
        assertThat(first.claim("done", T0, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        first.confirm("done");
        assertThat(first.claim("released", T0, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        first.release("released");
        assertThat(first.advance("order-1", 7)).isEqualTo(AdvanceResult.ACCEPTED);
        first.close();

        KafkaIdempotencyStore second = openExtra(namespace);
        assertThat(second.topic()).isEqualTo("edakit.idempotency." + namespace);
        // confirmed: even a redelivery does not take it over
        assertThat(second.reclaim("done", T0.plusSeconds(5), WINDOW)).isEqualTo(ClaimResult.DUPLICATE);
        assertThat(second.claim("released", T0.plusSeconds(5), WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(second.lastPosition("order-1")).hasValue(7);
        assertThat(second.advance("order-1", 7)).isEqualTo(AdvanceResult.STALE);
    }

    @Test
    void twoInstancesRacingOnOneKeyGetOneClaimAndOnlyTheWinnerSettlesIt() throws Exception {
        String namespace = "kafka-store-test-" + UUID.randomUUID();
        KafkaIdempotencyStore first = openExtra(namespace);
        KafkaIdempotencyStore second = openExtra(namespace);
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "race-" + round;
                Instant now = T0.plusSeconds(round);
                CountDownLatch go = new CountDownLatch(1);
                Future<ClaimResult> a = racers.submit(() -> {
                    go.await();
                    return first.claim(key, now, WINDOW);
                });
                Future<ClaimResult> b = racers.submit(() -> {
                    go.await();
                    return second.claim(key, now, WINDOW);
                });
                go.countDown();
                List<ClaimResult> results = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
                assertThat(results).as(key).containsOnlyOnce(ClaimResult.CLAIMED).contains(ClaimResult.IN_PROGRESS);
                KafkaIdempotencyStore loser = results.get(0) == ClaimResult.CLAIMED ? second : first;
                KafkaIdempotencyStore winner = loser == first ? second : first;
                // the loser cannot settle a claim it does not hold; the winner's confirmation counts
                loser.release(key);
                assertThat(loser.claim(key, now, WINDOW)).isEqualTo(ClaimResult.IN_PROGRESS);
                winner.confirm(key);
                await().atMost(Duration.ofSeconds(10)).until(() -> loser.claim(key, now, WINDOW) == ClaimResult.DUPLICATE);
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @Test
    void aRunningStoreFollowsWhatAnotherStoreOfTheNamespaceWrites() {
        String namespace = "kafka-store-test-" + UUID.randomUUID();
        KafkaIdempotencyStore follower = openExtra(namespace);
        KafkaIdempotencyStore writer = openExtra(namespace);
        writer.claim("a", T0, WINDOW);
        writer.confirm("a");
        writer.advance("scope-1", 3);
        // the weaker cross-instance guarantee: visible once the follower has read the records. A claim
        // would write, so wait on a read: the position was written last, so its arrival means the
        // claim and confirm before it have been read too (one partition, read in order)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(follower.lastPosition("scope-1")).hasValue(3));
        assertThat(follower.claim("a", T0.plusSeconds(1), WINDOW)).isEqualTo(ClaimResult.DUPLICATE);
        // eviction by one store is a tombstone the other follows
        assertThat(writer.evictExpired(T0.plus(WINDOW).plusSeconds(1), WINDOW)).isEqualTo(1);
        writer.advance("scope-1", 4);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(follower.lastPosition("scope-1")).hasValue(4));
        assertThat(follower.claim("a", T0.plusSeconds(2), Duration.ofDays(1))).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void namespacesWithCharactersKafkaRefusesGetASanitisedTopic() {
        assertThat(KafkaIdempotencyStore.topic("orders@billing")).isEqualTo("edakit.idempotency.orders-billing");
    }
}
