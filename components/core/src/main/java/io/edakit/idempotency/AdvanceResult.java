package io.edakit.idempotency;

/** What {@link IdempotencyStore#advance} did. */
public enum AdvanceResult {
    /** The position was newer than the stored one (or the scope was new) and is now stored. */
    ACCEPTED,
    /** The position was not newer than the stored one; nothing changed. */
    STALE
}
