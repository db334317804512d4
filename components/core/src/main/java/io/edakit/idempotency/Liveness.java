package io.edakit.idempotency;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the holder of an unfinished claim is still alive, so that a claim its dead holder left
 * (the process was killed while handling the message) is taken over within seconds rather than
 * after the two-minute {@link IdempotencyStore#IN_PROGRESS_LEASE}.
 *
 * <p>Each store incarnation (one per process and store, named by a random token beside the
 * instance id, so two processes configured with the same instance id are still told apart)
 * writes a heartbeat every {@link #INTERVAL}. A holder whose last heartbeat is older than
 * {@link #TIMEOUT} at the time of a claim is dead, and so is one that said goodbye (closed).
 * A restarted process is a new incarnation: it takes over what its previous life left once that
 * life's heartbeat is {@code TIMEOUT} old, which is about when a restarted JVM is ready anyway.
 *
 * <p>Judged only while this incarnation's own heartbeats go through, and have for a few intervals:
 * a store that cannot write its own heartbeat (the database or cluster is away) cannot tell a dead
 * holder from an outage that silenced everyone, and right after an outage the live holders need an
 * interval to be heard again.
 *
 * <p>What remains: a holder that is alive but cannot write its heartbeat for {@code TIMEOUT} (a
 * stop-the-world pause, a network partition from the store while its handler still runs) may see
 * its claim taken over, and its message handled twice. Heartbeat times come from each process's
 * clock, so clocks of instances sharing a store must agree within a few seconds.
 */
public final class Liveness {

    /** How often an incarnation writes its heartbeat. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);
    /** How old a holder's last heartbeat must be for its unfinished claims to be taken over. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long this incarnation's own heartbeats must have gone through before it judges others. */
    static final Duration SETTLE = INTERVAL.multipliedBy(3);

    private long healthySinceMillis = -1; // guarded by this
    private long lastOwnBeatMillis = -1; // guarded by this

    /** A heartbeat of this incarnation went through, at {@code atMillis} by this process's clock. */
    public synchronized void ownBeat(long atMillis) {
        if (lastOwnBeatMillis < 0 || atMillis - lastOwnBeatMillis > SETTLE.toMillis()) {
            healthySinceMillis = atMillis; // the first one, or the first after a silence
        }
        lastOwnBeatMillis = Math.max(lastOwnBeatMillis, atMillis);
    }

    /** A heartbeat of this incarnation failed. */
    public synchronized void ownBeatFailed() {
        healthySinceMillis = -1;
    }

    /** Whether this incarnation may judge others now ({@code nowMillis} by this process's clock). */
    public synchronized boolean canJudge(long nowMillis) {
        return healthySinceMillis >= 0 && nowMillis - lastOwnBeatMillis <= SETTLE.toMillis()
                && nowMillis - healthySinceMillis >= SETTLE.toMillis();
    }

    /** Whether a holder whose last heartbeat was at {@code beat} is dead at {@code claimTime}. */
    public static boolean silent(Instant beat, Instant claimTime) {
        return beat.isBefore(claimTime.minus(TIMEOUT));
    }
}
