package io.edakit.saga;

import java.time.Duration;
import java.util.Map;

/**
 * A call a saga makes for one step in one phase: where to, with which extra headers, how long it
 * may take, and how often it is tried.
 *
 * @param attempts   tries at most (action: 1 + retries; compensation: until the saga is parked)
 * @param retryDelay pause before the second try (later pauses follow the plan's backoff)
 */
public record PlannedCall(String stepId, String endpoint, Map<String, String> headers, Duration timeout,
                          int attempts, Duration retryDelay) {

    public PlannedCall {
        headers = Map.copyOf(headers);
    }
}
