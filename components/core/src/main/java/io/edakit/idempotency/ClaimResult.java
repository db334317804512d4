package io.edakit.idempotency;

/** What {@link IdempotencyStore#claim} found. */
public enum ClaimResult {
    /** The key was free (never seen, released, or older than the window): the caller now owns it. */
    CLAIMED,
    /** Another delivery processed the key within the window: do not process again. */
    DUPLICATE,
    /**
     * Another delivery holds the key and has not finished: whether this one is a duplicate depends on
     * how that one ends (confirmed: duplicate; released or its lease lapsed: claim it then).
     */
    IN_PROGRESS;

    /** What a claim found held: confirmed (a duplicate) or still in progress. */
    public static ClaimResult held(boolean confirmed) {
        return confirmed ? DUPLICATE : IN_PROGRESS;
    }
}
