package io.edakit.deadletter;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What to send back from a dead-letter channel. Start from {@link #of} (everything waiting, to its
 * original channel, at full speed) and narrow it with the withers; every face (CLI, HTTP API,
 * Java) builds the same record, so the rules on its values live here once.
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

    /** Every message of {@code deadLetterChannel}, each to its original channel, no rate limit, redriven at most {@code maxRedrives} times. */
    public static RedriveRequest of(String deadLetterChannel, int maxRedrives) {
        return new RedriveRequest(deadLetterChannel, null, null, Set.of(), Long.MAX_VALUE, 0, false, maxRedrives);
    }

    /** Sends to {@code channel} instead of each message's original one; null or blank: the original. */
    public RedriveRequest withTarget(String channel) {
        String to = channel == null || channel.isBlank() ? null : channel.trim();
        return new RedriveRequest(deadLetterChannel, to, filter, ids, max, ratePerSecond, dryRun, maxRedrives);
    }

    /** Only messages whose headers match; null: all. */
    public RedriveRequest withFilter(HeaderFilter headers) {
        return new RedriveRequest(deadLetterChannel, target, headers, ids, max, ratePerSecond, dryRun, maxRedrives);
    }

    /** Only messages with these envelope ids (blank ones ignored); empty or null: all. */
    public RedriveRequest withIds(Collection<String> envelopeIds) {
        Set<String> kept = envelopeIds == null ? Set.of() : Set.copyOf(envelopeIds.stream().map(String::trim)
                .filter(id -> !id.isEmpty()).toList());
        return new RedriveRequest(deadLetterChannel, target, filter, kept, max, ratePerSecond, dryRun, maxRedrives);
    }

    /** At most {@code count} messages, at least 1. */
    public RedriveRequest withMax(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + count);
        }
        return new RedriveRequest(deadLetterChannel, target, filter, ids, count, ratePerSecond, dryRun, maxRedrives);
    }

    /** At most {@code perSecond} messages a second, above 0. */
    public RedriveRequest withRate(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be above 0 messages per second, was " + perSecond);
        }
        return new RedriveRequest(deadLetterChannel, target, filter, ids, max, perSecond, dryRun, maxRedrives);
    }

    /** Counts what would move and moves nothing, when {@code dry}. */
    public RedriveRequest withDryRun(boolean dry) {
        return new RedriveRequest(deadLetterChannel, target, filter, ids, max, ratePerSecond, dry, maxRedrives);
    }
}
