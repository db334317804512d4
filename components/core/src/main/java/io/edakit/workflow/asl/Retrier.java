package io.edakit.workflow.asl;

import java.util.List;

/**
 * One entry of a state's {@code Retry}. Defaults as ASL: IntervalSeconds 1, MaxAttempts 3,
 * BackoffRate 2.0, no MaxDelaySeconds, JitterStrategy NONE.
 *
 * @param maxDelaySeconds the cap on one interval, or null for none
 */
public record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                      Integer maxDelaySeconds, boolean fullJitter) {

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
    }

    /**
     * The delay before retry number {@code retry} (1 for the first) without jitter:
     * {@code IntervalSeconds * BackoffRate^(retry-1)}, capped at MaxDelaySeconds, in milliseconds.
     */
    public long baseDelayMillis(int retry) {
        double seconds = intervalSeconds * Math.pow(backoffRate, retry - 1);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        return (long) Math.min(seconds * 1000.0, Long.MAX_VALUE / 2.0);
    }
}
