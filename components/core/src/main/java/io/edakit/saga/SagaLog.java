package io.edakit.saga;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable record of sagas: one row per saga (state, input, lease) and its timeline of events.
 *
 * <p><b>Leases.</b> An instance works on a saga only while it holds the saga's lease; every write
 * of the worker renews the lease and succeeds only if the writer's claim token ({@code owner}) is
 * still the saga's, in one atomic step. So when an instance dies its sagas are taken over by another ({@link #claimOrphans}) once
 * their leases lapse, and the dead instance, were it only paused, can write nothing more.
 */
public interface SagaLog extends AutoCloseable {

    /** Records a new saga with its STARTED event; false (and nothing written) when the id exists. */
    boolean start(SagaRecord saga, Instant leaseUntil);

    /**
     * Appends {@code events}, in order and in one transaction, if {@code owner} holds the saga; renews
     * the lease. False: it lost the saga, and nothing was written.
     */
    boolean append(String sagaId, String owner, List<SagaEvent> events, Instant leaseUntil);

    default boolean append(String sagaId, String owner, SagaEvent event, Instant leaseUntil) {
        return append(sagaId, owner, List.of(event), leaseUntil);
    }

    /**
     * Appends {@code before}, then moves the saga to {@code state} (with a STATE event), in one
     * transaction, if {@code owner} holds it.
     */
    boolean transition(String sagaId, String owner, List<SagaEvent> before, SagaState state, Instant at,
                       Instant leaseUntil);

    default boolean transition(String sagaId, String owner, SagaState state, Instant at, Instant leaseUntil) {
        return transition(sagaId, owner, List.of(), state, at, leaseUntil);
    }

    /** Extends the lease if {@code owner} still holds it. */
    boolean renew(String sagaId, String owner, Instant leaseUntil);

    /** Gives the saga up (an instance stopping): any instance may take it over at once. */
    void letGo(String sagaId, String owner);

    /**
     * Takes over at most {@code max} active sagas of {@code definitions} whose leases lapsed before
     * {@code now} (their owner died, stopped, or an operator asked for a change); answers their ids.
     */
    List<String> claimOrphans(Collection<String> definitions, String owner, Instant now, Instant leaseUntil, int max);

    /** Marks the outcome event of an ended saga as published, so a restart does not publish it again. */
    void markOutcomePublished(String sagaId);

    /**
     * Ended sagas of {@code definitions} whose outcome event is not published yet and whose lease
     * lapsed before {@code now}: their owner died (or let go) between the end and the publication.
     */
    List<String> unpublishedOutcomes(Collection<String> definitions, Instant now, int max);

    Optional<SagaRecord> find(String sagaId);

    List<SagaEvent> timeline(String sagaId);

    /**
     * How many sagas the log holds in each state (of every definition and instance sharing it);
     * states with none are left out. One aggregate query: the saga gauges read it periodically.
     */
    Map<SagaState, Long> countByState();

    /** The newest sagas first, in {@code state} if given. */
    List<SagaRecord> list(Optional<SagaState> state, int limit);

    /**
     * Operator: compensate a running, parked or completed saga. The lease is cleared so that
     * whichever instance claims it next compensates it (the current worker's next write fails).
     *
     * @return false when the saga is unknown or already compensating or compensated
     */
    boolean requestCompensation(String sagaId, Instant at);

    /**
     * Operator: retry a parked ({@link SagaState#NEEDS_ATTENTION}) saga from where it stopped, with
     * fresh attempt counts.
     *
     * @return false when the saga is unknown or not parked
     */
    boolean requestRetry(String sagaId, Instant at);

    @Override
    default void close() {
    }
}
