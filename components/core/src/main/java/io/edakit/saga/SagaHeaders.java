package io.edakit.saga;

/**
 * Headers on every call a saga makes, so that a participant can make its action and compensation
 * idempotent: a step called twice (a retry, or a resume after a crash) carries the same saga id
 * and step id both times.
 */
public final class SagaHeaders {

    public static final String SAGA_ID = "EdakitSagaId";
    public static final String SAGA = "EdakitSagaName";
    public static final String STEP_ID = "EdakitSagaStep";
    /** 1 for the first call of this step in this phase. */
    public static final String ATTEMPT = "EdakitSagaAttempt";
    /** {@code action}, {@code compensation} or {@code completion}. */
    public static final String PHASE = "EdakitSagaPhase";

    private SagaHeaders() {
    }
}
