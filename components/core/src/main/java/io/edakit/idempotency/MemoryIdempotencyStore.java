package io.edakit.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link IdempotencyStore} in this JVM's memory: for one instance, tests and the quick start.
 * Keys are lost on restart, and two processes do not see each other's keys: use
 * {@link JdbcIdempotencyStore} for those.
 *
 * <p>Bounded: when more than {@code maxKeys} keys are held, expired keys are evicted first and then
 * the oldest ones, so memory stays bounded even if nobody calls {@link #evictExpired}. Forgetting
 * the oldest keys early weakens de-duplication for them only, which is the price of the bound.
 * Atomicity comes from {@link ConcurrentHashMap#compute}, which runs under the key's lock.
 */
public final class MemoryIdempotencyStore implements IdempotencyStore {

    private record Claim(Instant claimedAt, boolean confirmed) {
    }

    private final int maxKeys;
    private final Map<String, Claim> claims = new ConcurrentHashMap<>();
    private final Map<String, Long> positions = new ConcurrentHashMap<>();

    public MemoryIdempotencyStore(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive, got " + maxKeys);
        }
        this.maxKeys = maxKeys;
    }

    @Override
    public ClaimResult claim(String key, Instant now, Duration window) {
        return claim(key, now, window, false);
    }

    @Override
    public ClaimResult reclaim(String key, Instant now, Duration window) {
        return claim(key, now, window, true);
    }

    private ClaimResult claim(String key, Instant now, Duration window, boolean takeOverUnconfirmed) {
        ClaimResult[] result = {ClaimResult.CLAIMED};
        claims.compute(key, (k, existing) -> {
            if (existing == null || (takeOverUnconfirmed && !existing.confirmed())
                    || IdempotencyStore.lapsed(existing.claimedAt(), existing.confirmed(), now, window)) {
                return new Claim(now, false);
            }
            result[0] = ClaimResult.held(existing.confirmed());
            return existing;
        });
        if (result[0] == ClaimResult.CLAIMED && claims.size() > maxKeys) {
            shrink(now, window);
        }
        return result[0];
    }

    @Override
    public void confirm(String key) {
        claims.computeIfPresent(key, (k, claim) -> new Claim(claim.claimedAt(), true));
    }

    @Override
    public void release(String key) {
        claims.remove(key);
    }

    @Override
    public int evictExpired(Instant now, Duration window) {
        int[] removed = {0};
        claims.forEach((key, claim) -> {
            // remove(key, value): only if nobody re-claimed the key meanwhile
            if (IdempotencyStore.expired(claim.claimedAt(), now, window) && claims.remove(key, claim)) {
                removed[0]++;
            }
        });
        return removed[0];
    }

    @Override
    public AdvanceResult advance(String scope, long position) {
        boolean[] accepted = {false};
        positions.compute(scope, (s, stored) -> {
            if (stored == null || position > stored) {
                accepted[0] = true;
                return position;
            }
            return stored;
        });
        return accepted[0] ? AdvanceResult.ACCEPTED : AdvanceResult.STALE;
    }

    @Override
    public OptionalLong lastPosition(String scope) {
        Long stored = positions.get(scope);
        return stored == null ? OptionalLong.empty() : OptionalLong.of(stored);
    }

    /** Number of keys held (tests, metrics). */
    public int size() {
        return claims.size();
    }

    private synchronized void shrink(Instant now, Duration window) {
        if (claims.size() <= maxKeys) {
            return;
        }
        evictExpired(now, window);
        int excess = claims.size() - maxKeys;
        if (excess > 0) {
            // a tenth more than needed, so the sort is not repeated on every following claim
            int toRemove = excess + maxKeys / 10;
            claims.entrySet().stream()
                    .sorted(Comparator.comparing(entry -> entry.getValue().claimedAt()))
                    .limit(toRemove)
                    .forEach(entry -> claims.remove(entry.getKey(), entry.getValue()));
        }
    }
}
