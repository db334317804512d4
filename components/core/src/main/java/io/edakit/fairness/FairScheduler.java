package io.edakit.fairness;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Weighted deficit round robin over tenants, with strict priority levels, a cap on one tenant's
 * share of the consumers, and costs charged after the fact.
 *
 * <p>Contract: {@link #offer} queues an item for its tenant; {@link #poll} releases the next item
 * or returns null when every consumer slot is taken or nothing is eligible; every released item is
 * handed back exactly once through {@link #complete} with what it cost. The scheduler never holds
 * more than {@code slots} released items. Thread-safe: every method takes the one lock; each is
 * O(1) amortised (a hash map and one ring per level), so the lock is held for well under a
 * microsecond (FairSchedulerBenchmark).
 *
 * <p>Costs are unknown when an item is released (a handler's time is known when it ends), so an
 * item is charged its tenant's running estimate on release and corrected by the real cost on
 * completion. A tenant visited with nothing left of its deficit gets {@code quantum x weight}
 * (the quantum is the running average cost of a message) and waits for the next round.
 *
 * @param <T> what is scheduled (the channel's message and settlement)
 */
public final class FairScheduler<T> {

    private static final double EWMA = 0.05;
    /** Idle tenants kept for the operators' view beyond which they are forgotten. */
    private static final int MAX_IDLE_TRACKED = 10_000;
    /** Cost settled per tenant is decayed by this factor each DECAY_EVERY completions: "share" is recent. */
    private static final int DECAY_EVERY = 4096;
    private static final double DECAY = 0.5;

    private final FairnessPolicy policy;
    private final int slots;
    private final int capSlots;
    private final Map<String, Tenant<T>> tenants = new HashMap<>();
    /** One ring of backlogged tenants per priority level, highest level first. */
    private final TreeMap<Integer, ArrayDeque<Tenant<T>>> levels = new TreeMap<>(Comparator.reverseOrder());
    private int busy;
    private int waiting;
    private double quantum;
    private double recentCostTotal;
    private long completions;

    public FairScheduler(FairnessPolicy policy, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, was " + slots);
        }
        this.policy = policy;
        this.slots = slots;
        this.capSlots = Math.max(1, (int) Math.ceil(policy.maxShare() * slots));
        this.quantum = policy.costMode() == CostMode.COUNT ? 1 : 1_000_000; // 1 ms until measured
    }

    /** Queues {@code item} for {@code tenant}; {@code arrivalNanos} (System.nanoTime) starts its dwell. */
    public synchronized void offer(String tenant, T item, long arrivalNanos) {
        Tenant<T> t = tenants.get(tenant);
        if (t == null) {
            t = new Tenant<>(tenant, quantum);
            tenants.put(tenant, t);
        }
        t.queue.addLast(new Queued<>(item, arrivalNanos, System.nanoTime()));
        waiting++;
        if (!t.inRing) {
            t.level = (int) policy.priorities().get(tenant, 0);
            if (t.inFlight == 0) {
                t.deficit = 0; // an idle tenant starts afresh: neither credit nor debt is banked
            }
            t.inRing = true;
            levels.computeIfAbsent(t.level, l -> new ArrayDeque<>()).addLast(t);
        }
    }

    /** The next item to process, or null when all slots are busy or nothing waits. */
    public synchronized Grant<T> poll() {
        if (busy >= slots || waiting == 0) {
            return null;
        }
        for (ArrayDeque<Tenant<T>> ring : levels.values()) {
            Grant<T> grant = serve(ring, true);
            if (grant != null) {
                return grant;
            }
        }
        // every waiting tenant is at its cap: work-conserving, the cap yields rather than idle a consumer
        for (ArrayDeque<Tenant<T>> ring : levels.values()) {
            Grant<T> grant = serve(ring, false);
            if (grant != null) {
                return grant;
            }
        }
        return null;
    }

    private Grant<T> serve(ArrayDeque<Tenant<T>> ring, boolean respectCap) {
        int skipped = 0;
        while (!ring.isEmpty()) {
            Tenant<T> t = ring.peekFirst();
            if (respectCap && t.inFlight >= capSlots && waiting > t.queue.size()) {
                ring.addLast(ring.pollFirst());
                if (++skipped >= ring.size()) {
                    return null;
                }
                continue;
            }
            if (t.deficit > 0) {
                return release(ring, t);
            }
            // a visit with nothing left: this round's allowance, and the next tenant's turn
            t.deficit += quantum * policy.weights().get(t.id, 1.0);
            skipped = 0;
            if (t.deficit > 0 && ring.size() == 1) {
                return release(ring, t);
            }
            ring.addLast(ring.pollFirst());
        }
        return null;
    }

    private Grant<T> release(ArrayDeque<Tenant<T>> ring, Tenant<T> t) {
        Queued<T> next = t.queue.pollFirst();
        waiting--;
        busy++;
        t.inFlight++;
        t.deficit -= t.estimate;
        long now = System.nanoTime();
        t.dwell.record(now - next.arrivalNanos);
        t.scheduled.record(now - next.readNanos);
        if (t.queue.isEmpty()) {
            ring.pollFirst();
            t.inRing = false;
            t.deficit = Math.min(t.deficit, 0); // debt is remembered while its messages run, credit is not
            if (ring.isEmpty()) {
                levels.values().remove(ring);
            }
        }
        return new Grant<>(t, next.item, t.estimate, now);
    }

    /** Hands back a released item; {@code costNanos} is its handler time (ignored when counting). */
    public synchronized void complete(Grant<T> grant, long costNanos) {
        if (grant.completed) {
            throw new IllegalStateException("completed twice");
        }
        grant.completed = true;
        Tenant<T> t = grant.tenant;
        busy--;
        t.inFlight--;
        double cost = policy.costMode() == CostMode.COUNT ? 1 : Math.max(1, costNanos);
        t.deficit -= cost - grant.charged;
        t.estimate += EWMA * (cost - t.estimate);
        if (policy.costMode() != CostMode.COUNT) {
            quantum += EWMA * (cost - quantum);
        }
        t.handled++;
        t.recentCost += cost;
        recentCostTotal += cost;
        if (++completions % DECAY_EVERY == 0) {
            decayAndForget();
        }
    }

    private void decayAndForget() {
        recentCostTotal *= DECAY;
        int idle = 0;
        for (Tenant<T> t : tenants.values()) {
            t.recentCost *= DECAY;
            if (!t.inRing && t.inFlight == 0) {
                idle++;
            }
        }
        if (idle > MAX_IDLE_TRACKED) {
            tenants.values().removeIf(t -> !t.inRing && t.inFlight == 0 && t.recentCost < recentCostTotal / 1e6);
        }
    }

    /** Items released and not completed. */
    public synchronized int busy() {
        return busy;
    }

    /** Items offered and not released. */
    public synchronized int waiting() {
        return waiting;
    }

    /** Removes and returns every item not released yet (on stop: the caller hands them back). */
    public synchronized List<T> drainWaiting() {
        List<T> items = new ArrayList<>();
        for (Tenant<T> t : tenants.values()) {
            t.queue.forEach(q -> items.add(q.item));
            t.queue.clear();
            t.inRing = false;
        }
        levels.clear();
        waiting = 0;
        return items;
    }

    /** Every tenant seen recently, the busiest first. */
    public synchronized List<TenantSnapshot> snapshot() {
        double weightOfBacklogged = 0;
        for (Tenant<T> t : tenants.values()) {
            if (!t.queue.isEmpty() || t.inFlight > 0) {
                weightOfBacklogged += policy.weights().get(t.id, 1.0);
            }
        }
        List<TenantSnapshot> list = new ArrayList<>(tenants.size());
        for (Tenant<T> t : tenants.values()) {
            double weight = policy.weights().get(t.id, 1.0);
            double share = recentCostTotal == 0 ? 0 : t.recentCost / recentCostTotal;
            boolean backlogged = !t.queue.isEmpty();
            boolean noisy = backlogged && weightOfBacklogged > 0 && tenants.size() > 1
                    && share > 1.5 * weight / weightOfBacklogged;
            list.add(new TenantSnapshot(t.id, t.queue.size(), t.inFlight, t.handled, share, weight, t.level,
                    t.dwell.percentileMillis(0.50), t.dwell.percentileMillis(0.99), t.scheduled.percentileMillis(0.99),
                    noisy));
        }
        list.sort(Comparator.comparingDouble(TenantSnapshot::share).reversed()
                .thenComparing(TenantSnapshot::tenant));
        return Collections.unmodifiableList(list);
    }

    public FairnessPolicy policy() {
        return policy;
    }

    /** A released item: hand it back to {@link #complete} once. */
    public static final class Grant<T> {
        private final Tenant<T> tenant;
        private final T item;
        private final double charged;
        private final long releasedNanos;
        private boolean completed;

        private Grant(Tenant<T> tenant, T item, double charged, long releasedNanos) {
            this.tenant = tenant;
            this.item = item;
            this.charged = charged;
            this.releasedNanos = releasedNanos;
        }

        public T item() {
            return item;
        }

        public String tenant() {
            return tenant.id;
        }

        /** When it was released (System.nanoTime): the start of its handler time. */
        public long releasedNanos() {
            return releasedNanos;
        }
    }

    /** @param readNanos when it was offered: the dwell before it was spent on the broker and in transit */
    private record Queued<T>(T item, long arrivalNanos, long readNanos) {
    }

    private static final class Tenant<T> {
        final String id;
        final ArrayDeque<Queued<T>> queue = new ArrayDeque<>(4);
        final DwellReservoir dwell = new DwellReservoir();
        /** The scheduler's part of the dwell: from offer to release. */
        final DwellReservoir scheduled = new DwellReservoir();
        double deficit;
        double estimate;
        double recentCost;
        int inFlight;
        int level;
        long handled;
        boolean inRing;

        Tenant(String id, double estimate) {
            this.id = id;
            this.estimate = estimate;
        }
    }
}
