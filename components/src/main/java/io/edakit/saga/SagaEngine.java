package io.edakit.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sagas of one application instance on a pool of workers, all from the saga log: a saga
 * is recorded first and worked on after, so a crash at any point leaves a log entry that this or
 * another instance continues.
 *
 * <p>Besides the workers, one scheduler thread keeps the leases of the sagas this instance holds
 * alive, takes over sagas whose owner's lease lapsed (their owner died, or an operator asked for
 * a change), publishes outcomes whose publication a crash interrupted, and times out sagas begun by
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
    private final String owner;
    private final Duration lease;
    private final Clock clock;
    private final int concurrency;
    private final Map<String, Registration> kinds = new ConcurrentHashMap<>();
    /** Sagas whose lease this instance keeps: queued, running, or begun by a route still running. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Deadlines of the Camel sagas whose routes are still running here. */
    private final Map<String, Instant> routeDeadlines = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private volatile boolean stopping;

    /**
     * @param owner        this instance's name in the log (unique per process)
     * @param lease        how long a saga stays this instance's without a renewal: how soon another
     *                     instance takes over after a crash
     * @param concurrency  sagas worked on at once
     * @param scanInterval how often orphans are looked for
     */
    public SagaEngine(SagaLog log, SagaCalls caller, String owner, Duration lease, int concurrency,
                      Duration scanInterval, Clock clock) {
        this.log = log;
        this.caller = caller;
        this.owner = owner;
        this.lease = lease;
        this.clock = clock;
        this.concurrency = concurrency;
        AtomicInteger workerNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, runnable -> daemon(runnable,
                "edakit-saga-" + workerNumber.incrementAndGet()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "edakit-saga-leases"));
        long renewEvery = Math.max(100, lease.toMillis() / 3);
        scheduler.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::scan, 0, scanInterval.toMillis(), TimeUnit.MILLISECONDS);
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

    public String owner() {
        return owner;
    }

    /**
     * Records a new saga of {@code definition} and queues it; false when a saga with this id exists
     * (the same start delivered twice), in which case nothing happens.
     */
    public boolean start(String definition, String sagaId, byte[] payload, Map<String, String> headers, Duration timeout) {
        if (!kinds.containsKey(definition)) {
            throw new IllegalStateException("no saga definition '" + definition + "' is registered");
        }
        Instant now = clock.instant();
        SagaRecord saga = new SagaRecord(sagaId, definition, SagaState.RUNNING, payload, headers, now, now.plus(timeout),
                now, owner, false);
        if (!log.start(saga, now.plus(lease))) {
            return false;
        }
        submit(sagaId);
        return true;
    }

    /** A saga whose actions a route runs (Camel's Saga EIP): recorded, held, and timed out if not ended. */
    void beginRouted(String sagaId, Duration timeout, Map<String, String> headers) {
        Instant now = clock.instant();
        SagaRecord saga = new SagaRecord(sagaId, SagaRecord.CAMEL_SAGA, SagaState.RUNNING, new byte[0], headers, now,
                now.plus(timeout), now, owner, false);
        if (!log.start(saga, now.plus(lease))) {
            throw new IllegalStateException("saga " + sagaId + " exists already");
        }
        held.add(sagaId);
        routeDeadlines.put(sagaId, saga.deadline());
    }

    /**
     * Records that a route joined the saga; false when the saga is no longer running here. A step
     * with a timeout brings the saga's deadline forward to it, as Camel's in-memory service does.
     */
    boolean enlist(String sagaId, String stepId, String enlistment, Optional<Duration> stepTimeout) {
        Instant now = clock.instant();
        if (!routeDeadlines.containsKey(sagaId) || !log.append(sagaId, owner,
                SagaEvent.step(SagaEvent.Kind.STEP_ENLISTED, stepId, 0, now, enlistment), now.plus(lease))) {
            return false;
        }
        stepTimeout.ifPresent(timeout -> routeDeadlines.computeIfPresent(sagaId,
                (id, deadline) -> deadline.isBefore(now.plus(timeout)) ? deadline : now.plus(timeout)));
        return true;
    }

    /**
     * The route ended the saga: completes or compensates it on a worker. False when it had ended
     * already (it timed out, or was taken over).
     */
    boolean endRouted(String sagaId, SagaState next) {
        if (routeDeadlines.remove(sagaId) == null) {
            return false;
        }
        if (!log.transition(sagaId, owner, next, clock.instant(), clock.instant().plus(lease))) {
            held.remove(sagaId);
            return false;
        }
        submit(sagaId);
        return true;
    }

    /** Current state of a saga, from the log. */
    public Optional<SagaState> state(String sagaId) {
        return log.find(sagaId).map(SagaRecord::state);
    }

    private void submit(String sagaId) {
        held.add(sagaId);
        try {
            workers.execute(() -> work(sagaId));
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            held.remove(sagaId);
            log.letGo(sagaId, owner);
        }
    }

    private void work(String sagaId) {
        try {
            Optional<SagaRecord> found = log.find(sagaId);
            if (found.isEmpty() || !owner.equals(found.get().owner()) || !found.get().state().active()) {
                return;
            }
            SagaRecord saga = found.get();
            Registration kind = kinds.get(saga.definition());
            if (kind == null) {
                log.letGo(sagaId, owner); // its template is gone from this instance; another may run it
                return;
            }
            Optional<SagaState> end = new SagaRun(log, caller, kind.plan(), owner, lease, clock, saga, () -> stopping).run();
            if (end.isPresent()) {
                publish(saga, end.get(), kind);
            } else if (stopping) {
                log.letGo(sagaId, owner);
            }
        } catch (RuntimeException e) {
            // the log failed (database down): the lease lapses and this or another instance resumes
            LOG.error("saga {}: stopped working on it; it resumes once its lease lapses: {}", sagaId, e.getMessage());
        } finally {
            held.remove(sagaId);
        }
    }

    private void publish(SagaRecord saga, SagaState outcome, Registration kind) {
        try {
            kind.outcomes().publish(saga, outcome);
            log.markOutcomePublished(saga.id());
        } catch (RuntimeException e) {
            LOG.warn("saga {}: could not publish its outcome {} yet: {}", saga.id(), outcome.label(), e.getMessage());
        }
    }

    private void renewLeases() {
        Instant until = clock.instant().plus(lease);
        for (String sagaId : held) {
            try {
                if (!log.renew(sagaId, owner, until)) {
                    held.remove(sagaId);
                    routeDeadlines.remove(sagaId);
                }
            } catch (RuntimeException e) {
                LOG.warn("saga {}: could not renew its lease: {}", sagaId, e.getMessage());
            }
        }
    }

    private void scan() {
        if (stopping) {
            return;
        }
        try {
            timeOutRoutedSagas();
            int room = 2 * concurrency - held.size();
            if (room > 0) {
                Instant now = clock.instant();
                for (String sagaId : log.claimOrphans(kinds.keySet(), owner, now, now.plus(lease), room)) {
                    LOG.info("saga {}: taken over (its previous owner stopped renewing its lease)", sagaId);
                    submit(sagaId);
                }
            }
            for (String sagaId : log.unpublishedOutcomes(kinds.keySet(), 100)) {
                // a saga a worker holds is published by it; one no longer held was marked published
                // before it was let go, so a fresh read tells whether a crash interrupted publication
                if (!held.contains(sagaId)) {
                    log.find(sagaId).filter(saga -> !saga.outcomePublished())
                            .ifPresent(saga -> publish(saga, saga.state(), kinds.get(saga.definition())));
                }
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
                if (log.append(sagaId, owner, SagaEvent.of(SagaEvent.Kind.TIMED_OUT, now), now.plus(lease))
                        && log.transition(sagaId, owner, SagaState.COMPENSATING, now, now.plus(lease))) {
                    submit(sagaId);
                } else {
                    held.remove(sagaId);
                }
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
        scheduler.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        for (String sagaId : List.copyOf(held)) {
            try {
                log.letGo(sagaId, owner);
            } catch (RuntimeException e) {
                LOG.warn("saga {}: could not let go of it; it resumes once its lease lapses", sagaId);
            }
        }
        held.clear();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
