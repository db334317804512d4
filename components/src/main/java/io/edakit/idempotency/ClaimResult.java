package io.edakit.idempotency;

/** What {@link IdempotencyStore#claim} found. */
public enum ClaimResult {
    /** The key was free (never seen, released, or older than the window): the caller now owns it. */
    CLAIMED,
    /** Another delivery holds or held the key within the window: do not process again. */
    DUPLICATE
}
