package io.edakit.saga;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.edakit.failure.Backoff;

/**
 * An orchestrated saga: steps run in order; when one fails past its retries, or the whole saga
 * outlasts {@code timeout}, the steps that started are compensated, last first.
 *
 * @param name                 the template instance; stored with every saga it starts
 * @param compensationAttempts how often a compensation is tried before the saga is parked as
 *                             {@link SagaState#NEEDS_ATTENTION}
 * @param compensationBackoff  pauses between those attempts
 */
public record SagaDefinition(String name, List<SagaStep> steps, Duration timeout, int compensationAttempts,
                             Backoff compensationBackoff) {

    public SagaDefinition {
        steps = List.copyOf(steps);
    }

    public Optional<SagaStep> step(String id) {
        return steps.stream().filter(step -> step.id().equals(id)).findFirst();
    }

    /** The longest a single call may take: a lease must outlast it. */
    public Duration longestCall() {
        return steps.stream().map(SagaStep::timeout).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
