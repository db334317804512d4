package io.edakit.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Remembers which message keys were processed (for a window of time) and how far each ordering
 * scope has progressed. One store object is one namespace (a template instance): keys of two
 * namespaces never collide, even in one table.
 *
 * <p>Every method is atomic on its own: two consumers (threads or processes sharing the store)
 * that claim the same key at the same time get exactly one {@link ClaimResult#CLAIMED}. There is
 * no "check, then insert" window for a redelivery to slip through.
 *
 * <p>Time is passed in rather than read from a clock so that the window is decided by the caller
 * (and tests need no sleeping); {@code now} should come from one clock per application.
 */
public interface IdempotencyStore extends AutoCloseable {

    /**
     * Claims {@code key}: insert-if-absent, where a key claimed before {@code now - window} counts
     * as absent and is claimed again (its window has passed, so the message is new again).
     */
    ClaimResult claim(String key, Instant now, Duration window);

    /**
     * Claims {@code key} for a redelivered message: as {@link #claim}, except that a claim whose
     * processing never confirmed is taken over. The transport only redelivers a message whose first
     * delivery ended without an acknowledgement (the consumer crashed, or failed it), so an
     * unconfirmed claim on it is a dead one; dropping the redelivery as a duplicate would lose the
     * effect.
     */
    ClaimResult reclaim(String key, Instant now, Duration window);

    /** Processing of a claimed key finished: the key stays claimed until its window passes. */
    void confirm(String key);

    /**
     * Processing of a claimed key failed: the key is forgotten so that the redelivery (or a redrive
     * from the dead-letter channel) is processed rather than dropped as a duplicate.
     */
    void release(String key);

    /** Forgets keys claimed before {@code now - window}; returns how many were removed. */
    int evictExpired(Instant now, Duration window);

    /**
     * Stale-event guard: stores {@code position} for {@code scope} if it is greater than the stored
     * one (or none is stored) and answers {@link AdvanceResult#ACCEPTED}; otherwise changes nothing
     * and answers {@link AdvanceResult#STALE}. Atomic: of two racing advances the greater wins.
     */
    AdvanceResult advance(String scope, long position);

    /** The greatest position accepted for {@code scope}, if any. A read only: it reserves nothing. */
    OptionalLong lastPosition(String scope);

    @Override
    default void close() {
    }

    /** Whether a key claimed at {@code claimedAt} is past its window at {@code now}. */
    static boolean expired(Instant claimedAt, Instant now, Duration window) {
        return claimedAt.isBefore(now.minus(window));
    }

    /**
     * How long a claim whose processing never confirmed (the process died while handling it) keeps
     * its key: long enough for a handler and its retries, short enough that the broker's redelivery
     * of that message is handled minutes later instead of being dropped as a duplicate for the
     * whole window. Stores shared between processes take such a claim over much sooner, once its
     * claimant's heartbeat has gone silent ({@link Liveness}); the lease is the bound for the rest.
     */
    Duration IN_PROGRESS_LEASE = Duration.ofMinutes(2);

    /** Whether a claim no longer holds its key: past the window, or unconfirmed and past the lease. */
    static boolean lapsed(Instant claimedAt, boolean confirmed, Instant now, Duration window) {
        Duration hold = confirmed || window.compareTo(IN_PROGRESS_LEASE) < 0 ? window : IN_PROGRESS_LEASE;
        return expired(claimedAt, now, hold);
    }
}
