package io.edakit.projection;

import java.time.Instant;

/**
 * A projection's row as the store keeps it.
 *
 * @param name        the projection's name, shared by every instance that runs it
 * @param stopped     true when a handler failure stopped it (only a reset starts it again)
 * @param owner       the fencing token of the instance whose claim it is, or null
 * @param leaseUntil  when that claim lapses unless renewed (epoch: given up)
 * @param position    the checkpoint: the last global position handled (0: none)
 * @param replayUntil events up to this position are handed with the replay marker: the furthest
 *                    checkpoint before the last reset (0: never reset)
 * @param updatedAt   when the checkpoint or the state last changed
 * @param error       why it stopped, or null
 */
public record ProjectionState(String name, boolean stopped, String owner, Instant leaseUntil, long position,
                              long replayUntil, Instant updatedAt, String error) {

    /** What an operator sees: stopped, replaying (an instance owns it, behind its replay mark), running, or unowned. */
    public String status(Instant now) {
        if (stopped) {
            return "stopped";
        }
        if (owner == null || !leaseUntil.isAfter(now)) {
            return "unowned";
        }
        return position < replayUntil ? "replaying" : "running";
    }

    /** The owner while its lease runs, else null. */
    public String liveOwner(Instant now) {
        return owner != null && leaseUntil.isAfter(now) && !stopped ? owner : null;
    }
}
