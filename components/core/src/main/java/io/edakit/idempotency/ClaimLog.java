package io.edakit.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who holds each key, as an ordered log of claim records decides it: the rule a store kept in a
 * log (a compacted Kafka topic, say) applies to every record in log order, so that every store
 * object reading the same log decides alike. No I/O: the store writes the records, reads them back
 * in order and hands each to {@link #apply}.
 *
 * <p><b>The rule.</b> A claim wins unless the key is held by another claimant whose claim has not
 * lapsed at the new claim's time ({@link IdempotencyStore#lapsed}); a takeover wins over an
 * unconfirmed holder; a claim naming the unconfirmed holder it takes {@code over} (one found
 * silent, see {@link Liveness}) wins while that same holder still holds the key unfinished, so a
 * holder that confirmed meanwhile is never overruled. Confirm, release and evict records act only
 * on the claim they name, so a late one cannot undo a newer claim.
 *
 * <p>Thread-safe for one applier (the store's follower) and any number of readers.
 */
public final class ClaimLog {

    /** What a record does. */
    public enum Op { CLAIM, CONFIRM, RELEASE, EVICT }

    /** A claim the log granted; {@code beats}: its claimant writes heartbeats. */
    public record Claim(Instant claimedAt, boolean confirmed, String claimant, boolean beats) {
    }

    /**
     * One record of the log about a key.
     *
     * @param claimedAt the claim's time (for an evict: the time of the claim it evicts)
     * @param window    how long the claimant keeps the key (claims only)
     * @param takeover  a reclaim: wins over an unconfirmed holder (claims only)
     * @param beats     its claimant writes heartbeats (claims only)
     * @param over      the silent holder this claim takes the key from, or null (claims only)
     */
    public record Entry(Op op, String claimant, Instant claimedAt, Duration window, boolean takeover, boolean beats,
                        String over) {

        public Entry {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(claimant, "claimant");
            Objects.requireNonNull(claimedAt, "claimedAt");
            Objects.requireNonNull(window, "window");
        }

        /** A claim by a claimant that writes heartbeats. */
        public static Entry claim(String claimant, Instant claimedAt, Duration window, boolean takeover, String over) {
            return new Entry(Op.CLAIM, claimant, claimedAt, window, takeover, true, over);
        }

        /** A confirm or release of {@code claimant}'s claim. */
        public static Entry settle(Op op, String claimant) {
            return new Entry(op, claimant, Instant.EPOCH, Duration.ZERO, false, false, null);
        }

        /** The eviction of the claim {@code evicted}. */
        public static Entry evict(Claim evicted, Duration window) {
            return new Entry(Op.EVICT, evicted.claimant(), evicted.claimedAt(), window, false, false, null);
        }
    }

    /** The claimant of records in the log's earlier format, which carried the state, not who made it. */
    public static final String UNKNOWN_CLAIMANT = "unknown";

    private final Map<String, Claim> claims = new ConcurrentHashMap<>();

    /** Applies the next record about {@code key}: the rule of the class comment. */
    public void apply(String key, Entry entry) {
        Claim held = claims.get(key);
        boolean own = held != null && held.claimant().equals(entry.claimant());
        switch (entry.op()) {
            case CLAIM -> {
                boolean overSilentHolder = held != null && !held.confirmed() && held.claimant().equals(entry.over());
                if (held == null || overSilentHolder || wins(held, entry.claimedAt(), entry.window(), entry.takeover())) {
                    claims.put(key, new Claim(entry.claimedAt(), false, entry.claimant(), entry.beats()));
                }
            }
            case CONFIRM -> {
                if (own) {
                    claims.put(key, new Claim(held.claimedAt(), true, held.claimant(), held.beats()));
                }
            }
            case RELEASE -> {
                if (own) {
                    claims.remove(key);
                }
            }
            case EVICT -> {
                if (own && held.claimedAt().equals(entry.claimedAt())) {
                    claims.remove(key);
                }
            }
            default -> throw new IllegalArgumentException("unknown op " + entry.op());
        }
    }

    /** Applies a record of the earlier format: the state itself, by an unknown claimant. */
    public void applyState(String key, Instant claimedAt, boolean confirmed) {
        claims.put(key, new Claim(claimedAt, confirmed, UNKNOWN_CLAIMANT, false));
    }

    /** Does a new claim at {@code claimedAt} take the key from {@code held}? */
    public static boolean wins(Claim held, Instant claimedAt, Duration window, boolean takeover) {
        return (takeover && !held.confirmed()) || IdempotencyStore.lapsed(held.claimedAt(), held.confirmed(), claimedAt, window);
    }

    /** The claim holding {@code key}, or null. */
    public Claim holder(String key) {
        return claims.get(key);
    }

    /**
     * What a claim of {@code key} may answer without writing to the log: held (a duplicate or in
     * progress) when the holder's claim has not lapsed and is not taken over; null when only the
     * log can decide. {@code overSilentHolder}: the caller found the holder silent.
     */
    public ClaimResult answerWithoutLog(String key, Instant now, Duration window, boolean takeover,
                                        boolean overSilentHolder) {
        Claim held = claims.get(key);
        if (held == null || overSilentHolder || wins(held, now, window, takeover)) {
            return null;
        }
        return ClaimResult.held(held.confirmed());
    }

    /** What the log decided for {@code claimant}'s claim of {@code key}, once that claim was applied. */
    public ClaimResult decided(String key, String claimant) {
        Claim decided = claims.get(key);
        if (decided != null && decided.claimant().equals(claimant)) {
            return ClaimResult.CLAIMED;
        }
        // another claimant came first in the log (or, rarely, already released it: ask again)
        return decided == null ? ClaimResult.IN_PROGRESS : ClaimResult.held(decided.confirmed());
    }

    /** The claims older than {@code window} at {@code now}, by key: what an eviction writes records for. */
    public Map<String, Claim> expired(Instant now, Duration window) {
        Map<String, Claim> expired = new HashMap<>();
        claims.forEach((key, claim) -> {
            if (IdempotencyStore.expired(claim.claimedAt(), now, window)) {
                expired.put(key, claim);
            }
        });
        return expired;
    }

    /** Whether {@code claim} no longer holds {@code key} (an eviction of it was applied). */
    public boolean isGone(String key, Claim claim) {
        return claims.get(key) != claim;
    }

    /** Keys held. */
    public int size() {
        return claims.size();
    }
}
