package io.edakit.saga;

/** Publishes the event that says how a saga ended ({@code completed}, {@code compensated}, {@code needs-attention}). */
@FunctionalInterface
public interface SagaOutcomes {

    /** Throws when the event could not be published; the engine tries again later. */
    void publish(SagaRecord saga, SagaState outcome);

    SagaOutcomes NONE = (saga, outcome) -> { };
}
