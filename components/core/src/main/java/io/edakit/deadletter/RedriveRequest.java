package io.edakit.deadletter;

import java.util.Objects;
import java.util.Set;

/**
 * What to send back from a dead-letter channel.
 *
 * @param deadLetterChannel where the dead letters wait
 * @param target            where to send them; null: each message's original channel
 * @param filter            only messages whose headers match; null: all
 * @param ids               only messages with these envelope ids ({@code ce_id}); empty: all
 * @param max               at most this many; {@code Long.MAX_VALUE}: no limit
 * @param ratePerSecond     at most this many per second; 0: no limit
 * @param dryRun            count what would move, move nothing
 * @param maxRedrives       a message sent back this many times already stays where it is
 */
public record RedriveRequest(String deadLetterChannel, String target, HeaderFilter filter, Set<String> ids,
                             long max, double ratePerSecond, boolean dryRun, int maxRedrives) {

    public RedriveRequest {
        Objects.requireNonNull(deadLetterChannel, "deadLetterChannel");
        ids = ids == null ? Set.of() : Set.copyOf(ids);
        if (max < 0 || ratePerSecond < 0 || maxRedrives < 0) {
            throw new IllegalArgumentException("max, rate and max-redrives must not be negative");
        }
    }
}
