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
 * share of the consumers, and costs paid before a message runs at an estimated price and settled after.
 *
 * <p>Contract: {@link #offer} queues an item for its tenant; {@link #poll} releases the next item
 * or returns null when every consumer slot is taken or nothing is eligible; every released item is
 * handed back exactly once through {@link #complete} with what it cost. The scheduler never holds
 * more than {@code slots} released items. Thread-safe: every method takes the one lock; each is
 * O(1) amortised (a hash map and one ring per level), so the lock is held for well under a
 * microsecond (FairSchedulerBenchmark).
 *
 * <p>Costs are unknown when an item is released (a handler's time is known when it ends), so a
 * tenant is released only while its deficit covers its price (its running estimate, see
 * {@link Tenant#price}), pays that price on release, and the difference to the real cost is
 * settled on completion. A tenant that cannot pay gets {@code quantum x weight} (the quantum is
 * the running average cost of a message) and waits for the next round. Paying before matters for
 * slow tenants: charged only after the fact, a 50 ms tenant ran a whole message ahead of its share
 * (and could take several consumers on one allowance), which raised the quick tenants' p99 dwell
 * from the ideal 1.33x to 1.42x in virtual time (FairSchedulerTest).
 *
 * @param <T> what is scheduled (the channel's message and settlement)
 */
public final class FairScheduler<T> {

    private static final double EWMA = 0.05;
    /** A tenant's estimate follows its own costs faster than the quantum follows the channel's. */
    private static final double ESTIMATE_EWMA = 0.2;
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

    /**
     * One pass of deficit round robin over {@code ring}: the tenant at its head is released while
     * its deficit covers its estimated cost (it pays before it runs, so a 50 ms tenant cannot run
     * ahead of its share by a whole message, nor take several consumers on one allowance); a tenant
     * that cannot pay gets this round's allowance and goes to the back. A full pass in which nobody
     * could pay adds the allowances of as many rounds as the nearest tenant needs, at once, so a
     * poll costs at most two passes over the ring, never a spin through rounds of small quanta.
     */
    private Grant<T> serve(ArrayDeque<Tenant<T>> ring, boolean respectCap) {
        int skipped = 0;
        int steps = 0;
        boolean forwarded = false;
        while (!ring.isEmpty()) {
            Tenant<T> t = ring.peekFirst();
            if (respectCap && capped(t)) {
                if (++skipped >= ring.size()) {
                    return null;
                }
            } else {
                skipped = 0;
                if (t.deficit >= t.price()) {
                    return release(ring, t);
                }
                if (!forwarded && steps >= ring.size()) {
                    fastForward(ring, respectCap);
                    forwarded = true; // someone can pay now: find them without another round's allowance
                    continue;
                }
                if (!forwarded) {
                    t.deficit += allowance(t);
                }
            }
            steps++;
            ring.addLast(ring.pollFirst());
        }
        return null;
    }

    /** Whether {@code t} holds its share of the consumers while others wait. */
    private boolean capped(Tenant<T> t) {
        return t.inFlight >= capSlots && waiting > t.queue.size();
    }

    private double allowance(Tenant<T> t) {
        return quantum * policy.weights().get(t.id, 1.0);
    }

    /** The allowances of the fewest rounds after which some tenant of {@code ring} can pay, given to all. */
    private void fastForward(ArrayDeque<Tenant<T>> ring, boolean respectCap) {
        Tenant<T> nearest = null;
        double rounds = Double.MAX_VALUE;
        for (Tenant<T> t : ring) {
            double needed = Math.max(0, Math.ceil((t.price() - t.deficit) / allowance(t)));
            if (!(respectCap && capped(t)) && needed < rounds) {
                rounds = needed;
                nearest = t;
            }
        }
        for (Tenant<T> t : ring) {
            if (!(respectCap && capped(t))) {
                t.deficit += rounds * allowance(t);
            }
        }
        nearest.deficit = Math.max(nearest.deficit, nearest.price()); // whatever the rounding of the division
    }

    private Grant<T> release(ArrayDeque<Tenant<T>> ring, Tenant<T> t) {
        Queued<T> next = t.queue.pollFirst();
        waiting--;
        busy++;
        t.inFlight++;
        double price = t.price();
        t.deficit -= price;
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
        return new Grant<>(t, next.item, price, now);
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
        // the first cost replaces the guess (the channel's average): a slow tenant pays its real price from its second message
        t.estimate = t.handled == 0 ? cost : t.estimate + ESTIMATE_EWMA * (cost - t.estimate);
        t.lastCost = cost;
        // a price set too high (after an outlier) is refunded here; refunded beyond one turn it would
        // be banked credit, and a tenant holding seconds of it would keep every newcomer waiting
        t.deficit = Math.min(t.deficit, allowance(t) + t.price());
        if (policy.costMode() != CostMode.COUNT) {
            // a sample counts at most 4 quanta: one stalled handler (a 10 s lock wait) must not make every
            // tenant's turn seconds long for the next hundred messages, while a real shift still moves it 15% a message
            quantum += EWMA * (Math.min(cost, 4 * quantum) - quantum);
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
        /** What its last message cost; until one completes, the estimate. */
        double lastCost = Double.MAX_VALUE;
        double recentCost;
        int inFlight;
        int level;
        long handled;
        boolean inRing;

        Tenant(String id, double estimate) {
            this.id = id;
            this.estimate = estimate;
        }

        /**
         * What it pays for a message before it is released (corrected to the real cost when it
         * settles): its running estimate, or its last cost if lower, so one outlier (a first message
         * that warmed a cache) makes it wait once, not for the many messages the average takes to forget it.
         */
        double price() {
            return Math.min(estimate, lastCost);
        }
    }
}
