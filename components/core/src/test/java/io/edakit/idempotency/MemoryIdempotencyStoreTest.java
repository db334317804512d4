package io.edakit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
}
