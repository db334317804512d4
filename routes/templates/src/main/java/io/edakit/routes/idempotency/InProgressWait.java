package io.edakit.routes.idempotency;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.edakit.idempotency.ClaimResult;
import io.edakit.idempotency.IdempotencyStore;

/**
 * Waits out another delivery's unfinished claim on a key, asking the store again with a growing
 * pause, until the claim is confirmed (this delivery is a duplicate), released (this delivery
 * claims the key), or its holder is gone: silent for {@link io.edakit.idempotency.Liveness#TIMEOUT}
 * (a crashed process, seconds) or past its lease (claims that name no live claimant, minutes);
 * then this delivery claims the key.
 *
 * <p>Why wait rather than drop: a message whose consumer crashed comes back to another consumer
 * while the crashed one's claim is still held, and on Kafka the redelivery does not say it is one
 * (a delivery count lives in the consumer that died). Dropping it as a duplicate would lose the
 * effect; waiting costs one consumer thread for at most the lease, and only when two deliveries of
 * one key overlap. A duplicate sent while the original is being handled waits milliseconds.
 */
final class InProgressWait {

    private static final long FIRST_PAUSE_MILLIS = 5;
    private static final long LONGEST_PAUSE_MILLIS = 1_000;
    /** The holder's lease lapses within the lease; the margin absorbs clock skew between instances. */
    static final Duration LONGEST_WAIT = IdempotencyStore.IN_PROGRESS_LEASE.plusSeconds(30);

    private final Duration longestWait;

    InProgressWait(Duration longestWait) {
        this.longestWait = longestWait;
    }

    /**
     * Asks {@code claim} until it answers other than {@link ClaimResult#IN_PROGRESS}; answers
     * {@code IN_PROGRESS} itself when the wait outlasts the longest wait, the application stops or
     * the thread is interrupted: the caller then hands the message back to be delivered again.
     */
    ClaimResult await(Supplier<ClaimResult> claim, BooleanSupplier stopping) {
        long deadline = System.nanoTime() + longestWait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            ClaimResult result = claim.get();
            if (result != ClaimResult.IN_PROGRESS) {
                return result;
            }
            if (stopping.getAsBoolean() || System.nanoTime() - deadline > 0) {
                return result;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }
}
