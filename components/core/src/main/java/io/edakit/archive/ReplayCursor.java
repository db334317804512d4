package io.edakit.archive;

import java.time.Instant;

/**
 * How far a replay got: the sequence of the last event it looked at (everything up to it that the
 * filter selects was sent and confirmed), how many events of the window it looked at and sent, and
 * the archive time of the last one sent (null: none yet).
 */
public record ReplayCursor(long sequence, long scanned, long sent, Instant lastReplayed) {

    public static final ReplayCursor START = new ReplayCursor(0, 0, 0, null);
}
