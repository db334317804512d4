package io.edakit.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

    /**
     * Extends the leases of every execution held (id to token) at once, their writes sharing
     * commits; answers the ids whose token no longer holds them. Throws when the renewals could not
     * be made (the database is down): every lease is kept for the next round.
     */
    @FunctionalInterface
    public interface Renewals {
        Set<String> lost(Map<String, String> held, Instant leaseUntil);
    }

    private final String noun;
    private final String instance;
    private final Duration lease;
    private final Clock clock;
    private final Renewals renewals;
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
        this(noun, instance, lease, clock, oneByOne(noun, renewal), onLost);
    }

    /**
     * With renewals made all at once: an instance holding thousands of executions (workflows
     * waiting on timers) renews them in a few group commits, not one commit after another, which
     * took longer than a lease under load.
     */
    public LeaseKeeper(String noun, String instance, Duration lease, Clock clock, Renewals renewals,
                       BiConsumer<String, String> onLost) {
        this.noun = noun;
        this.instance = instance;
        this.lease = lease;
        this.clock = clock;
        this.renewals = renewals;
        this.onLost = onLost;
        this.renewer = Executors.newSingleThreadScheduledExecutor(EngineThreads.named("edakit-" + noun + "-leases"));
        long renewEvery = Math.max(100, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewAll, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    }

    /** A fresh instance name for {@code prefix} (an instance id): unique per process, so are the tokens made of it. */
    public static String instanceName(String prefix) {
        return prefix + "/" + UUID.randomUUID().toString().substring(0, 8);
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

    private void renewAll() {
        Map<String, String> now = Map.copyOf(held);
        if (now.isEmpty()) {
            return;
        }
        Set<String> lost;
        try {
            lost = renewals.lost(now, leaseUntil());
        } catch (RuntimeException e) {
            LOG.warn("{}: could not renew the leases of {} held: {}", noun, now.size(), e.getMessage());
            return;
        }
        for (String id : lost) {
            String token = now.get(id);
            if (held.remove(id, token)) {
                onLost.accept(id, token);
            }
        }
    }

    /** A {@link Renewal} per execution, one after another (what the saga engine uses). */
    private static Renewals oneByOne(String noun, Renewal renewal) {
        return (held, until) -> {
            Set<String> lost = new java.util.HashSet<>();
            held.forEach((id, token) -> {
                try {
                    if (!renewal.renew(id, token, until)) {
                        lost.add(id);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("{} {}: could not renew its lease: {}", noun, id, e.getMessage());
                }
            });
            return lost;
        };
    }

    /** Stops renewing; what is held stays held here (see {@link #letGoOfAll}). */
    @Override
    public void close() {
        renewer.shutdownNow();
    }

    /**
     * Stops renewing and lets go of every execution still held ({@code letGo}: id, token), as an
     * instance stopping does, so that another instance (or this one restarted) continues each at
     * once; one that cannot be let go (the database is down) resumes once its lease lapses.
     */
    public void letGoOfAll(BiConsumer<String, String> letGo) {
        close();
        Map.copyOf(held).forEach((id, token) -> {
            try {
                letGo.accept(id, token);
            } catch (RuntimeException e) {
                LOG.warn("{} {}: could not let go of it; it resumes once its lease lapses: {}", noun, id, e.getMessage());
            }
        });
        held.clear();
    }

    /** Forgets every execution held (after the owner let go of them). */
    public void clear() {
        held.clear();
    }
}
