package io.edakit.projection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import io.edakit.eventstore.AppendSignal;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.eventstore.StoredEvent;
import io.edakit.execution.LeaseKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one projection in this instance whenever it holds the projection's claim: reads the event
 * store's global order after the checkpoint, hands each event that passes the filter to the
 * handler, in position order, and moves the checkpoint after each batch.
 *
 * <p><b>Delivery: at least once.</b> The checkpoint is written after the handler returned for
 * every event of a batch (events the filter passed over move it too). A crash loses at most the
 * checkpoint of the batch in hand, so after it up to {@code batch} events are handed again, in the
 * same order; a handler that is idempotent by position or event id makes that exactly once. The
 * checkpoint is thus at most one batch behind the handler.
 *
 * <p><b>One instance at a time.</b> Every instance running the projection tries to claim it when it
 * holds nothing; a claim needs the lease lapsed, and every checkpoint is fenced by the claim's
 * token ({@link ProjectionStore}). Leases are renewed on a thread of their own every third of
 * their length ({@link LeaseKeeper}); an instance that dies stops renewing, and another takes over
 * once its lease lapsed, at the dead instance's last checkpoint. An instance that finds its claim
 * lost (renewal or checkpoint refused: it was stalled for a lease, or reset) stops handing events
 * after the current one and tries to claim again. What that costs: during a takeover after a
 * stall, the stalled instance may still be handing the rest of its batch while the new owner
 * starts, so a handler with side effects outside the database sees those events twice.
 *
 * <p><b>Failures.</b> A handler that throws (the dead-letter channel unreachable, say) has the
 * batch retried from the event that failed, after a pause. A handler that answers
 * {@link Result#stop} stops the projection at the event before: no instance runs it until an
 * operator resets it.
 *
 * <p><b>Replays.</b> After a reset, events up to the replay mark (the furthest checkpoint before the
 * reset) are handed with {@code replay} true, so handlers can skip side effects they had.
 */
public final class ProjectionRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRunner.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    /** Takes one event; see {@link Result} for what it answers. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param replay true when the event is handed again by a reset's replay
         * @return {@link Result#DONE} once done with it (handled, or dead-lettered), {@link Result#stop}
         *         to stop the projection before it
         * @throws Exception for a failure a retry may fix: the batch is retried from this event
         */
        Result handle(StoredEvent event, boolean replay) throws Exception;
    }

    /** What the handler made of an event. */
    public record Result(String stopReason) {
        public static final Result DONE = new Result(null);

        public static Result stop(String reason) {
            return new Result(reason == null ? "stopped by its handler" : reason);
        }
    }

    /**
     * @param batch         events read and handled per checkpoint
     * @param pollInterval  how often the store is read for appends of other processes (those of this
     *                      one wake the runner at once) and a claim is tried while another instance holds it
     * @param lease         how long a claim lasts unless renewed: how soon another instance takes over
     */
    public record Options(int batch, Duration pollInterval, Duration lease) {
        public Options {
            if (batch < 1 || pollInterval.isNegative() || pollInterval.isZero() || lease.toMillis() < 300) {
                throw new IllegalArgumentException("a projection needs a batch of 1 or more, a positive poll interval "
                        + "and a lease of 300 ms or more, got " + batch + ", " + pollInterval + " and " + lease);
            }
        }
    }

    private final JdbcEventStore events;
    private final ProjectionStore projections;
    private final String name;
    private final Predicate<StoredEvent> filter;
    private final Handler handler;
    private final Options options;
    private final BooleanSupplier ready;
    private final LeaseKeeper leases;
    private final AppendSignal signal;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long position;
    private long replayUntil; // the loop's own

    /**
     * Creates the projection's row if it is new and starts trying to claim it.
     *
     * @param instance this instance's name, the first part of its claims' tokens
     * @param ready    events are handed only while this answers true (a Camel context that has started)
     */
    public ProjectionRunner(JdbcEventStore events, ProjectionStore projections, String name, String instance,
                            Predicate<StoredEvent> filter, Handler handler, Options options, BooleanSupplier ready) {
        this.events = events;
        this.projections = projections;
        this.name = name;
        this.filter = filter;
        this.handler = handler;
        this.options = options;
        this.ready = ready;
        projections.create(name);
        this.signal = new AppendSignal(events);
        this.leases = new LeaseKeeper("projection", instance, options.lease(), projections.clock(), projections::renew,
                (id, token) -> {
                    LOG.info("projection {}: claim {} lost (taken over or reset), handing stops", id, token);
                    signal.wake();
                });
        this.thread = new Thread(this::loop, "edakit-projection-" + name);
        this.thread.setDaemon(true);
        thread.start();
    }

    /** True while this instance holds the projection. */
    public boolean owns() {
        return leases.token(name).isPresent();
    }

    /** The last position handled here (the checkpoint, or up to a batch ahead of it). */
    public long position() {
        return position;
    }

    private void loop() {
        while (running) {
            try {
                Optional<String> token = leases.token(name);
                if (!ready.getAsBoolean()) {
                    signal.await(options.pollInterval().toNanos());
                } else if (token.isEmpty()) {
                    if (!claim()) {
                        signal.await(options.pollInterval().toNanos());
                    }
                } else if (round(token.get()) == 0) {
                    signal.await(options.pollInterval().toNanos());
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("projection {}: {}; retrying", name, e.getMessage());
                signal.await(RETRY_PAUSE.toNanos());
            }
        }
    }

    private boolean claim() {
        String token = leases.newToken();
        Optional<ProjectionState> claimed = projections.claim(name, token, leases.leaseUntil());
        if (claimed.isEmpty()) {
            return false;
        }
        leases.hold(name, token);
        position = claimed.get().position();
        replayUntil = claimed.get().replayUntil();
        LOG.info("projection {}: claimed by {}, from position {}{}", name, token, position,
                position < replayUntil ? " (replaying up to " + replayUntil + ")" : "");
        return true;
    }

    /** One batch handed and checkpointed; how many events were read (0: none new). */
    private int round(String token) {
        List<StoredEvent> batch = events.readAll(position, options.batch());
        long handled = position;
        try {
            for (StoredEvent event : batch) {
                if (!running || !leases.token(name).equals(Optional.of(token))) {
                    break;
                }
                if (filter.test(event)) {
                    Result result = handler.handle(event, event.position() <= replayUntil);
                    if (result.stopReason() != null) {
                        stop(token, handled, event, result.stopReason());
                        return batch.size();
                    }
                }
                handled = event.position();
            }
        } catch (Exception e) {
            LOG.warn("projection {}: handler failed after position {}, retrying from there: {}", name, handled,
                    e.toString());
            checkpoint(token, handled);
            signal.await(RETRY_PAUSE.toNanos());
            return batch.size();
        }
        checkpoint(token, handled);
        return batch.size();
    }

    private void checkpoint(String token, long handled) {
        if (handled == position) {
            return;
        }
        if (projections.checkpoint(name, token, handled, leases.leaseUntil())) {
            position = handled;
        } else {
            drop(token, "its checkpoint was refused");
        }
    }

    private void stop(String token, long handled, StoredEvent failed, String reason) {
        String error = "stopped at position " + failed.position() + " (event " + failed.id() + " of stream "
                + failed.streamId() + "): " + reason;
        if (projections.stop(name, token, handled, error)) {
            position = handled;
            LOG.warn("projection {}: {}; a reset starts it again", name, error);
        }
        leases.release(name, token);
    }

    private void drop(String token, String why) {
        if (leases.release(name, token)) {
            LOG.info("projection {}: claim {} lost ({}), handing stops", name, token, why);
        }
    }

    /** Stops handing (after the event in hand) and gives the claim up, so another instance takes over at once. */
    @Override
    public void close() {
        running = false;
        signal.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // one that cannot be given up (the database is down) lapses after its lease
        leases.letGoOfAll(projections::letGo);
    }
}
