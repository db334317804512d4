package io.edakit.operator.saga;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.edakit.saga.SagaEvent;
import io.edakit.saga.SagaLog;
import io.edakit.saga.SagaRecord;
import io.edakit.saga.SagaState;

/**
 * What an operator does with sagas, shared by the CLI and the HTTP API. Requests change the log
 * only; whichever instance running the saga's template picks the change up within its scan
 * interval and works on the saga.
 */
public final class SagaOperations {

    /** A saga and its timeline. */
    public record SagaDetail(SagaRecord saga, List<SagaEvent> timeline) {
    }

    private final SagaLog log;
    private final Clock clock;

    public SagaOperations(SagaLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public List<SagaRecord> list(Optional<SagaState> state, int limit) {
        return log.list(state, limit);
    }

    public Optional<SagaDetail> show(String sagaId) {
        return log.find(sagaId).map(saga -> new SagaDetail(saga, log.timeline(sagaId)));
    }

    /** Compensates a running, parked or completed saga; explains why not otherwise. */
    public SagaRecord compensate(String sagaId) {
        SagaRecord saga = existing(sagaId);
        if (!log.requestCompensation(sagaId, clock.instant())) {
            throw new IllegalArgumentException("saga " + sagaId + " is " + saga.state().label()
                    + ": only a running, completed or needs-attention saga can be compensated");
        }
        return existing(sagaId);
    }

    /** Retries a parked saga from where it stopped; explains why not otherwise. */
    public SagaRecord retry(String sagaId) {
        SagaRecord saga = existing(sagaId);
        if (!log.requestRetry(sagaId, clock.instant())) {
            throw new IllegalArgumentException("saga " + sagaId + " is " + saga.state().label()
                    + ": only a needs-attention saga can be retried");
        }
        return existing(sagaId);
    }

    private SagaRecord existing(String sagaId) {
        return log.find(sagaId).orElseThrow(() -> new UnknownSagaException(sagaId));
    }

    /** No saga has this id. */
    public static final class UnknownSagaException extends IllegalArgumentException {
        public UnknownSagaException(String sagaId) {
            super("no saga with id " + sagaId);
        }
    }
}
