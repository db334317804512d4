package io.edakit.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link IdempotencyStore} in this JVM's memory: for one instance, tests and the quick start.
 * Keys are lost on restart, and two processes do not see each other's keys: use
 * {@link JdbcIdempotencyStore} for those.
 *
 * <p><b>Keys are kept as 128-bit hashes</b> (the first 128 bits of their SHA-256), with the claim
 * time and whether it is confirmed, in {@link KeyTable}s of plain
 * {@code long} arrays: about 50 bytes a key instead of the 140 a map of strings and records took
 * (one million confirmed keys: under 64 MB instead of 142). Two different keys would be taken for
 * one only if their hashes collide: among a billion keys held at once the chance that any two do
 * is about n²/2¹²⁹ ≈ 1.5·10⁻²¹, and SHA-256 gives no way to craft a colliding key on purpose, so a
 * sender cannot make another message drop as a duplicate of its own. What it costs: hashing a key
 * (about a microsecond), the keys themselves cannot be listed, and claim times are kept to the
 * millisecond.
 *
 * <p>Bounded: when more than {@code maxKeys} keys are held, expired keys are evicted first and then
 * the oldest ones, so memory stays bounded even if nobody calls {@link #evictExpired}. Forgetting
 * the oldest keys early weakens de-duplication for them only, which is the price of the bound.
 * Atomicity comes from the lock of the key's stripe (one of {@value #STRIPES}, chosen by the hash),
 * held around each claim, confirmation and release.
 */
public final class MemoryIdempotencyStore implements IdempotencyStore {

    static final int STRIPES = 64;
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(MemoryIdempotencyStore::sha256);

    private final int maxKeys;
    private final KeyTable[] stripes = new KeyTable[STRIPES];
    private final AtomicInteger size = new AtomicInteger();
    private final Map<String, Long> positions = new ConcurrentHashMap<>();

    public MemoryIdempotencyStore(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be positive, got " + maxKeys);
        }
        this.maxKeys = maxKeys;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new KeyTable();
        }
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
        long[] hash = hash(key);
        KeyTable stripe = stripe(hash);
        ClaimResult result;
        synchronized (stripe) {
            int before = stripe.size();
            result = stripe.claim(hash[0], hash[1], now, window, takeOverUnconfirmed);
            size.addAndGet(stripe.size() - before);
        }
        if (result == ClaimResult.CLAIMED && size.get() > maxKeys) {
            shrink(now, window);
        }
        return result;
    }

    @Override
    public void confirm(String key) {
        long[] hash = hash(key);
        KeyTable stripe = stripe(hash);
        synchronized (stripe) {
            stripe.confirm(hash[0], hash[1]);
        }
    }

    @Override
    public void release(String key) {
        long[] hash = hash(key);
        KeyTable stripe = stripe(hash);
        synchronized (stripe) {
            if (stripe.release(hash[0], hash[1])) {
                size.decrementAndGet();
            }
        }
    }

    @Override
    public int evictExpired(Instant now, Duration window) {
        // expired: claimed before now - window; claim times are whole milliseconds
        Instant cutoff = now.minus(window);
        long millis = cutoff.toEpochMilli();
        return removeClaimedBefore(cutoff.getNano() % 1_000_000 == 0 ? millis : millis + 1, 0);
    }

    /** Forgets the keys claimed before {@code cutoffMillis}, and up to {@code atCutoff} of those claimed at it. */
    private int removeClaimedBefore(long cutoffMillis, int atCutoff) {
        int[] left = {atCutoff};
        int removed = 0;
        for (KeyTable stripe : stripes) {
            synchronized (stripe) {
                int gone = stripe.removeClaimedBefore(cutoffMillis, left);
                size.addAndGet(-gone);
                removed += gone;
            }
        }
        return removed;
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
        return size.get();
    }

    private synchronized void shrink(Instant now, Duration window) {
        if (size.get() <= maxKeys) {
            return;
        }
        evictExpired(now, window);
        int excess = size.get() - maxKeys;
        if (excess > 0) {
            // the oldest keys, and a tenth more than needed, so this is not repeated on every following claim
            int toRemove = Math.min(size.get(), excess + maxKeys / 10);
            long[] times = new long[size.get()];
            int filled = 0;
            for (KeyTable stripe : stripes) {
                synchronized (stripe) {
                    filled = stripe.claimTimes(times, filled);
                }
            }
            Arrays.sort(times, 0, filled);
            long cutoff = times[Math.min(filled, toRemove) - 1];
            int before = 0;
            while (before < filled && times[before] < cutoff) {
                before++;
            }
            removeClaimedBefore(cutoff, Math.min(filled, toRemove) - before); // ties at the cutoff: only as many as needed
        }
    }

    private KeyTable stripe(long[] hash) {
        return stripes[(int) (hash[0] >>> 58)]; // the top 6 bits of the high half: 64 stripes
    }

    /** The key's first 128 bits of SHA-256 as {high, low}. */
    static long[] hash(String key) {
        byte[] digest = SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (digest[i] & 0xff);
            low = (low << 8) | (digest[8 + i] & 0xff);
        }
        return new long[] {high, low};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
