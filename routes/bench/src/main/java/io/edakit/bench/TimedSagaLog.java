package io.edakit.bench;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.edakit.saga.SagaEvent;
import io.edakit.saga.SagaLog;
import io.edakit.saga.SagaRecord;
import io.edakit.saga.SagaState;

/** A saga log that adds up the time spent in it, for the saga benchmark's time shares. */
final class TimedSagaLog implements SagaLog {

    private final SagaLog log;
    private final LongAdder nanos = new LongAdder();

    TimedSagaLog(SagaLog log) {
        this.log = log;
    }

    long nanos() {
        return nanos.sum();
    }

    void reset() {
        nanos.reset();
    }

    private <T> T timed(Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            nanos.add(System.nanoTime() - started);
        }
    }

    @Override
    public boolean start(SagaRecord saga, Instant leaseUntil) {
        return timed(() -> log.start(saga, leaseUntil));
    }

    @Override
    public boolean append(String sagaId, String owner, List<SagaEvent> events, Instant leaseUntil) {
        return timed(() -> log.append(sagaId, owner, events, leaseUntil));
    }

    @Override
    public boolean transition(String sagaId, String owner, List<SagaEvent> before, SagaState state, Instant at,
                              Instant leaseUntil) {
        return timed(() -> log.transition(sagaId, owner, before, state, at, leaseUntil));
    }

    @Override
    public boolean renew(String sagaId, String owner, Instant leaseUntil) {
        return timed(() -> log.renew(sagaId, owner, leaseUntil));
    }

    @Override
    public void letGo(String sagaId, String owner) {
        timed(() -> {
            log.letGo(sagaId, owner);
            return null;
        });
    }

    @Override
    public List<String> claimOrphans(Collection<String> definitions, String owner, Instant now, Instant leaseUntil, int max) {
        return timed(() -> log.claimOrphans(definitions, owner, now, leaseUntil, max));
    }

    @Override
    public void markOutcomePublished(String sagaId) {
        timed(() -> {
            log.markOutcomePublished(sagaId);
            return null;
        });
    }

    @Override
    public List<String> unpublishedOutcomes(Collection<String> definitions, Instant now, int max) {
        return timed(() -> log.unpublishedOutcomes(definitions, now, max));
    }

    @Override
    public Optional<SagaRecord> find(String sagaId) {
        return timed(() -> log.find(sagaId));
    }

    @Override
    public List<SagaEvent> timeline(String sagaId) {
        return timed(() -> log.timeline(sagaId));
    }

    @Override
    public Map<SagaState, Long> countByState() {
        return timed(log::countByState);
    }

    @Override
    public List<SagaRecord> list(Optional<SagaState> state, int limit) {
        return timed(() -> log.list(state, limit));
    }

    @Override
    public boolean requestCompensation(String sagaId, Instant at) {
        return timed(() -> log.requestCompensation(sagaId, at));
    }

    @Override
    public boolean requestRetry(String sagaId, Instant at) {
        return timed(() -> log.requestRetry(sagaId, at));
    }

    @Override
    public void close() {
        log.close();
    }
}
