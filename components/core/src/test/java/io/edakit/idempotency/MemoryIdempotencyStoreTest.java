package io.edakit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

class MemoryIdempotencyStoreTest extends IdempotencyStoreContractTest {

    // a memory store is its own namespace: the same namespace must give the same store
    private final Map<String, IdempotencyStore> stores = new ConcurrentHashMap<>();

    @Override
    protected IdempotencyStore open(String namespace) {
        return stores.computeIfAbsent(namespace, n -> new MemoryIdempotencyStore(10_000));
    }

    @Test
    void staysWithinItsBoundForgettingTheOldestKeysFirst() {
        MemoryIdempotencyStore bounded = new MemoryIdempotencyStore(100);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < 1_000; i++) {
            bounded.claim("k" + i, t0.plusMillis(i), Duration.ofDays(1));
        }
        assertThat(bounded.size()).isLessThanOrEqualTo(100);
        assertThat(bounded.claim("k999", t0.plusSeconds(2), Duration.ofDays(1))).isEqualTo(ClaimResult.IN_PROGRESS);
        assertThat(bounded.claim("k0", t0.plusSeconds(2), Duration.ofDays(1))).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void keysTiedAtTheOldestTimeAreForgottenOnlyAsFarAsTheBoundNeeds() {
        MemoryIdempotencyStore bounded = new MemoryIdempotencyStore(1_000);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i <= 1_000; i++) {
            bounded.claim("k" + i, t0, Duration.ofDays(1)); // all at the same millisecond
        }
        // one over the bound: the excess and a tenth of the bound go, not every key of that millisecond
        assertThat(bounded.size()).isEqualTo(1_001 - 1 - 100);
    }

    /**
     * The hash table against a plain map as the model, through many claims, confirmations,
     * releases and evictions of a few thousand keys (probe runs that wrap, shift on removal, grow
     * and shrink).
     */
    @Test
    void behavesAsAMapOfKeysThroughRandomOperations() {
        MemoryIdempotencyStore store = new MemoryIdempotencyStore(1_000_000);
        Map<String, Instant> claimedAt = new HashMap<>();
        Map<String, Boolean> confirmed = new HashMap<>();
        Random random = new Random(42);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        Duration window = Duration.ofSeconds(100);
        for (int step = 0; step < 50_000; step++) {
            Instant now = t0.plusMillis(step);
            String key = "key-" + random.nextInt(5_000);
            int operation = random.nextInt(100);
            if (operation < 60) {
                ClaimResult expected = expectedClaim(claimedAt.get(key), confirmed.getOrDefault(key, false), now, window);
                assertThat(store.claim(key, now, window)).as("claim %s at step %d", key, step).isEqualTo(expected);
                if (expected == ClaimResult.CLAIMED) {
                    claimedAt.put(key, now);
                    confirmed.put(key, false);
                }
            } else if (operation < 85) {
                store.confirm(key);
                confirmed.computeIfPresent(key, (k, c) -> true);
            } else if (operation < 99) {
                store.release(key);
                claimedAt.remove(key);
                confirmed.remove(key);
            } else {
                int removed = store.evictExpired(now, window);
                int expected = 0;
                for (String held : new java.util.ArrayList<>(claimedAt.keySet())) {
                    if (IdempotencyStore.expired(claimedAt.get(held), now, window)) {
                        claimedAt.remove(held);
                        confirmed.remove(held);
                        expected++;
                    }
                }
                assertThat(removed).as("evicted at step %d", step).isEqualTo(expected);
            }
            assertThat(store.size()).isEqualTo(claimedAt.size());
        }
    }

    private static ClaimResult expectedClaim(Instant claimedAt, boolean confirmed, Instant now, Duration window) {
        if (claimedAt == null || IdempotencyStore.lapsed(claimedAt, confirmed, now, window)) {
            return ClaimResult.CLAIMED;
        }
        return ClaimResult.held(confirmed);
    }
}
