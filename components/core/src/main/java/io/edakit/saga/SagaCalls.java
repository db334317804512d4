package io.edakit.saga;

import java.time.Duration;
import java.util.Optional;

/** Makes the calls of a saga's steps; {@link StepCaller} calls Camel endpoints. */
@FunctionalInterface
public interface SagaCalls {

    /**
     * Calls the participant of {@code call} for {@code saga}.
     *
     * @param phase   {@code action}, {@code compensation} or {@code completion}
     * @param attempt 1 for the first call of this step in this phase
     * @return the failure, or empty when the participant succeeded within {@code timeout}
     */
    Optional<String> call(SagaRecord saga, PlannedCall call, String phase, int attempt, Duration timeout);

    /**
     * Whether the participants are going away (the application is stopping): a call failing now
     * says nothing about the participant, so it is not recorded as a failure.
     */
    default boolean unavailable() {
        return false;
    }
}
