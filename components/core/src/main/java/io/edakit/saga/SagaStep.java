package io.edakit.saga;

import java.time.Duration;
import java.util.Optional;

/**
 * One step of a saga definition.
 *
 * @param action       Camel endpoint URI called to do the step's work
 * @param compensation Camel endpoint URI called to undo it; null when the step needs no undoing
 * @param timeout      how long one call of the action may take before it counts as failed
 * @param retries      further attempts of a failed action before the saga is compensated
 * @param retryDelay   pause before each retry of the action
 */
public record SagaStep(String id, String action, String compensation, Duration timeout, int retries, Duration retryDelay) {

    public Optional<String> compensationEndpoint() {
        return Optional.ofNullable(compensation);
    }
}
