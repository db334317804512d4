package io.edakit.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executions one instance holds, each with its claim's token, and the thread that keeps their
 * leases alive: the engine half of the durable execution core (the store half is
 * {@link ExecutionRows}), shared by the saga engine and the workflow runner.
 *
 * <p>Every claim (a start here, a takeover) gets a fresh token ({@link #newToken}): the instance's
 * name and a number unique in this process, written as the execution's owner, so a worker whose
 * claim ended cannot write again even when this same instance claimed the execution anew.
 *
 * <p>Renewals run on a thread of their own, every third of the lease: a slow scan or a slow call
 * must not let the leases of running executions lapse. A renewal that finds the lease lost drops
 * the execution here and tells the owner ({@code onLost}).
 */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    /** Extends a lease; false when the token no longer holds the execution. */
    @FunctionalInterface
    public interface Renewal {
        boolean renew(String id, String token, Instant leaseUntil);
    }

    private final String instance;
    private final Duration lease;
    private final Clock clock;
    private final Renewal renewal;
    private final BiConsumer<String, String> onLost;
    private final AtomicInteger claims = new AtomicInteger();
    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer;

    /**
     * @param noun   what an execution is called, for the log and the thread's name ("saga")
     * @param onLost told (id, token) when a renewal found the lease lost
     */
    public LeaseKeeper(String noun, String instance, Duration lease, Clock clock, Renewal renewal,
                       BiConsumer<String, String> onLost) {
        this.instance = instance;
        this.lease = lease;
        this.clock = clock;
        this.renewal = renewal;
        this.onLost = onLost;
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "edakit-" + noun + "-leases");
            thread.setDaemon(true);
            return thread;
        });
        long renewEvery = Math.max(100, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(() -> renewAll(noun), renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    }

    /** A new claim's token: this instance's name and a number unique in this process. */
    public String newToken() {
        return instance + "#" + claims.incrementAndGet();
    }

    /** When a lease taken or renewed now ends. */
    public Instant leaseUntil() {
        return clock.instant().plus(lease);
    }

    public Duration lease() {
        return lease;
    }

    public void hold(String id, String token) {
        held.put(id, token);
    }

    /** Stops renewing {@code id} if {@code token} is still its claim here. */
    public boolean release(String id, String token) {
        return held.remove(id, token);
    }

    public Optional<String> token(String id) {
        return Optional.ofNullable(held.get(id));
    }

    public int size() {
        return held.size();
    }

    /** The executions held now, with their tokens (a copy). */
    public Map<String, String> held() {
        return Map.copyOf(held);
    }

    private void renewAll(String noun) {
        Instant until = leaseUntil();
        held.forEach((id, token) -> {
            try {
                if (!renewal.renew(id, token, until) && held.remove(id, token)) {
                    onLost.accept(id, token);
                }
            } catch (RuntimeException e) {
                LOG.warn("{} {}: could not renew its lease: {}", noun, id, e.getMessage());
            }
        });
    }

    /** Stops renewing; what is held stays in {@link #held()} for the owner to let go of. */
    @Override
    public void close() {
        renewer.shutdownNow();
    }

    /** Forgets every execution held (after the owner let go of them). */
    public void clear() {
        held.clear();
    }
}
