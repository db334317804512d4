package io.edakit.saga;

import java.util.List;

import io.edakit.failure.Backoff;

/** What a saga of one kind calls in each phase, given how far it got. */
public interface SagaPlan {

    /**
     * The actions, in order; empty when the actions run elsewhere (Camel's Saga EIP runs them in
     * its routes), in which case a saga found running without an owner is compensated.
     */
    List<PlannedCall> actions();

    /** The compensations of the steps that started, last started first. */
    List<PlannedCall> compensations(SagaProgress progress);

    /** The completions of the steps that started (Camel's Saga EIP only), last started first. */
    List<PlannedCall> completions(SagaProgress progress);

    /** Pauses between tries of a compensation or completion. */
    Backoff finishBackoff();
}
