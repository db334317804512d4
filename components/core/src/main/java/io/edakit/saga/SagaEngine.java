package io.edakit.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.edakit.execution.EngineThreads;
import io.edakit.execution.LeaseKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sagas of one application instance on a pool of workers, all from the saga log: a saga
 * is recorded first and worked on after, so a crash at any point leaves a log entry that this or
 * another instance continues.
 *
 * <p><b>Claims.</b> Every claim on a saga (its start here, a takeover) writes a fresh token as the
 * saga's owner, and every later write must present it. So a worker whose claim ended (an operator
 * asked for compensation, or the lease lapsed while it stalled and the saga was claimed again, even
 * by this same instance) cannot write another step: at most one worker works on a saga.
 *
 * <p>Besides the workers, one thread keeps the leases of the sagas this instance holds alive, and
 * another takes over sagas whose owner's lease lapsed (their owner died, or an operator asked for a
 * change), publishes outcomes whose publication a crash interrupted, and times out sagas begun by
 * Camel's Saga EIP whose routes did not end them in time.
 */
public final class SagaEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SagaEngine.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** A saga kind this instance runs: how to run it and where its outcome goes. */
    private record Registration(SagaPlan plan, SagaOutcomes outcomes) {
    }

    private final SagaLog log;
    private final SagaCalls caller;
    private final Duration lease;
    private final Clock clock;
    private final int concurrency;
    private final Map<String, Registration> kinds = new ConcurrentHashMap<>();
    /** The sagas this instance holds (queued, running, or begun by a route still running), with their claim's token. */
    private final LeaseKeeper held;
    /** Deadlines of the Camel sagas whose routes are still running here. */
    private final Map<String, Instant> routeDeadlines = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService scanner;
    private volatile boolean stopping;

    /**
     * @param instance     this instance's name in the log (unique per process); claims add a token to it
     * @param lease        how long a saga stays this instance's without a renewal: how soon another
     *                     instance takes over after a crash
     * @param concurrency  sagas worked on at once
     * @param scanInterval how often orphans are looked for
     */
    public SagaEngine(SagaLog log, SagaCalls caller, String instance, Duration lease, int concurrency,
                      Duration scanInterval, Clock clock) {
        this.log = log;
        this.caller = caller;
        this.lease = lease;
        this.clock = clock;
        this.concurrency = concurrency;
        this.workers = Executors.newFixedThreadPool(concurrency, EngineThreads.numbered("edakit-saga-"));
        // renewals on a thread of their own (the core's): a slow scan (a broker down while outcomes
        // are published) must not let the leases of running sagas lapse
        this.held = new LeaseKeeper("saga", instance, lease, clock, log::renew,
                (sagaId, token) -> routeDeadlines.remove(sagaId));
        this.scanner = EngineThreads.scheduled("edakit-saga-scan");
        scanner.scheduleWithFixedDelay(this::scan, 0, scanInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs sagas of {@code definition} here, taking over its orphans too. */
    public void register(String definition, SagaPlan plan, SagaOutcomes outcomes) {
        kinds.put(definition, new Registration(plan, outcomes));
    }

    public void unregister(String definition) {
        kinds.remove(definition);
    }

    public SagaLog log() {
        return log;
    }

    /** A new claim's token: this instance's name and a number unique in this process. */
    private String newToken() {
        return held.newToken();
    }

    /**
     * Records a new saga of {@code definition} and queues it; empty when a saga with this id exists
     * (the same start delivered twice), in which case nothing happens and the existing one is answered.
     */
    public Optional<SagaRecord> start(String definition, String sagaId, byte[] payload, Map<String, String> headers,
                                      Duration timeout) {
        if (!kinds.containsKey(definition)) {
            throw new IllegalStateException("no saga definition '" + definition + "' is registered");
        }
        Instant now = clock.instant();
        String token = newToken();
        SagaRecord saga = new SagaRecord(sagaId, definition, SagaState.RUNNING, payload, headers, now, now.plus(timeout),
                now, token, false);
        if (!log.start(saga, now.plus(lease))) {
            return log.find(sagaId);
        }
        submit(sagaId, token);
        return Optional.empty();
    }

    /** A saga whose actions a route runs (Camel's Saga EIP): recorded, held, and timed out if not ended. */
    void beginRouted(String sagaId, Duration timeout, Map<String, String> headers) {
        Instant now = clock.instant();
        String token = newToken();
        SagaRecord saga = new SagaRecord(sagaId, SagaRecord.CAMEL_SAGA, SagaState.RUNNING, new byte[0], headers, now,
                now.plus(timeout), now, token, false);
        if (!log.start(saga, now.plus(lease))) {
            throw new IllegalStateException("saga " + sagaId + " exists already");
        }
        held.hold(sagaId, token);
        routeDeadlines.put(sagaId, saga.deadline());
    }

    /** Whether a route of this instance is running the saga (it began here and has not ended). */
    boolean routed(String sagaId) {
        return routeDeadlines.containsKey(sagaId);
    }

    /**
     * Records that a route joined the saga; false when the saga is no longer running here. A step
     * with a timeout brings the saga's deadline forward to it, as Camel's in-memory service does.
     */
    boolean enlist(String sagaId, String stepId, String enlistment, Optional<Duration> stepTimeout) {
        Instant now = clock.instant();
        String token = held.token(sagaId).orElse(null);
        boolean[] enlisted = {false};
        // under the map's lock for this saga: its end (route, timeout) removes the deadline under the
        // same lock, so a step is either in the log before the end is recorded, or refused
        routeDeadlines.computeIfPresent(sagaId, (id, deadline) -> {
            enlisted[0] = token != null && log.append(sagaId, token,
                    SagaEvent.step(SagaEvent.Kind.STEP_ENLISTED, stepId, 0, now, enlistment), now.plus(lease));
            Instant stepDeadline = stepTimeout.map(now::plus).orElse(deadline);
            return enlisted[0] && stepDeadline.isBefore(deadline) ? stepDeadline : deadline;
        });
        return enlisted[0];
    }

    /**
     * The route ended the saga: completes or compensates it on a worker. False when it had ended
     * already (it timed out, or was taken over).
     */
    boolean endRouted(String sagaId, SagaState next) {
        if (routeDeadlines.remove(sagaId) == null) {
            return false;
        }
        return moveRouted(sagaId, next, null);
    }

    /**
     * Moves a routed saga on and queues it. If the log fails, the saga is given up here: its lease
     * lapses and it is taken over as an orphan (and compensated), rather than renewed forever unrun.
     */
    private boolean moveRouted(String sagaId, SagaState next, SagaEvent before) {
        String token = held.token(sagaId).orElse(null);
        Instant now = clock.instant();
        try {
            if (token != null && (before == null || log.append(sagaId, token, before, now.plus(lease)))
                    && log.transition(sagaId, token, next, now, now.plus(lease))) {
                submit(sagaId, token);
                return true;
            }
        } catch (RuntimeException e) {
            LOG.warn("saga {}: could not record its end ({}); it is compensated once its lease lapses", sagaId,
                    e.getMessage());
        }
        if (token != null) {
            held.release(sagaId, token);
        }
        return false;
    }

    /** Current state of a saga, from the log. */
    public Optional<SagaState> state(String sagaId) {
        return log.find(sagaId).map(SagaRecord::state);
    }

    private void submit(String sagaId, String token) {
        held.hold(sagaId, token);
        try {
            workers.execute(() -> work(sagaId, token));
        } catch (RejectedExecutionException stopped) {
            held.release(sagaId, token);
            log.letGo(sagaId, token);
        }
    }

    private void work(String sagaId, String token) {
        try {
            Optional<SagaRecord> found = log.find(sagaId);
            if (found.isEmpty() || !token.equals(found.get().owner()) || !found.get().state().active()) {
                return;
            }
            SagaRecord saga = found.get();
            Registration kind = kinds.get(saga.definition());
            if (kind == null) {
                log.letGo(sagaId, token); // its template is gone from this instance; another may run it
                return;
            }
            Optional<SagaState> end = new SagaRun(log, caller, kind.plan(), token, lease, clock, saga,
                    this::stopping).run();
            if (end.isPresent()) {
                // as the log has it now (its end time), the same record a republication would read
                log.find(sagaId).ifPresent(ended -> publish(ended, end.get(), kind));
            } else if (stopping()) {
                log.letGo(sagaId, token);
            }
        } catch (RuntimeException e) {
            // the log failed (database down): the lease lapses and this or another instance resumes
            LOG.error("saga {}: stopped working on it; it resumes once its lease lapses: {}", sagaId, e.getMessage());
        } finally {
            held.release(sagaId, token);
        }
    }

    /** This engine stops, or the application around it does (its participant routes are going away). */
    private boolean stopping() {
        return stopping || caller.unavailable();
    }

    private void publish(SagaRecord saga, SagaState outcome, Registration kind) {
        try {
            kind.outcomes().publish(saga, outcome);
            log.markOutcomePublished(saga.id());
        } catch (RuntimeException e) {
            LOG.warn("saga {}: could not publish its outcome {} yet: {}", saga.id(), outcome.label(), e.getMessage());
        }
    }

    private void scan() {
        if (stopping()) {
            return;
        }
        try {
            timeOutRoutedSagas();
            int room = 2 * concurrency - (held.size() - routeDeadlines.size());
            if (room > 0) {
                Instant now = clock.instant();
                String token = newToken();
                for (String sagaId : log.claimOrphans(kinds.keySet(), token, now, now.plus(lease), room)) {
                    LOG.info("saga {}: taken over (its previous owner stopped renewing its lease)", sagaId);
                    submit(sagaId, token);
                }
            }
            for (String sagaId : log.unpublishedOutcomes(kinds.keySet(), clock.instant(), 100)) {
                // lease lapsed: its owner died (or let go) between the end and the publication
                log.find(sagaId).filter(saga -> !saga.outcomePublished())
                        .ifPresent(saga -> publish(saga, saga.state(), kinds.get(saga.definition())));
            }
        } catch (RuntimeException e) {
            LOG.warn("saga scan failed: {}", e.getMessage());
        }
    }

    private void timeOutRoutedSagas() {
        Instant now = clock.instant();
        routeDeadlines.forEach((sagaId, deadline) -> {
            if (deadline.isBefore(now) && routeDeadlines.remove(sagaId, deadline)) {
                LOG.warn("saga {} timed out before its route ended it; compensating", sagaId);
                moveRouted(sagaId, SagaState.COMPENSATING, SagaEvent.of(SagaEvent.Kind.TIMED_OUT, now));
            }
        });
    }

    /**
     * Stops taking work, lets running calls finish for a while, and lets go of every saga still
     * held so that another instance (or this one restarted) continues it at once.
     */
    @Override
    public void close() {
        stopping = true;
        EngineThreads.stop(STOP_GRACE, scanner, workers);
        held.letGoOfAll(log::letGo);
    }

    /** A fresh instance name for {@code prefix} (an instance id): unique per process. */
    public static String instanceName(String prefix) {
        return LeaseKeeper.instanceName(prefix);
    }
}
