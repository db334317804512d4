package io.edakit.deadletter;

/**
 * What a redrive did. Every offered message is counted exactly once: moved, or kept for one of
 * the listed reasons.
 *
 * @param offered           dead letters looked at
 * @param moved             sent back (or, in a dry run, that would have been)
 * @param notSelected       kept: filter or id selection did not match
 * @param atRedriveLimit    kept: already sent back the maximum number of times
 * @param withoutTarget     kept: no target given and no original channel recorded
 * @param notReached        kept: the message at which the call stopped because max was reached (0 or 1);
 *                          later ones were not offered
 * @param dryRun            whether nothing was actually moved
 */
public record RedriveReport(long offered, long moved, long notSelected, long atRedriveLimit, long withoutTarget,
                            long notReached, boolean dryRun) {
}
