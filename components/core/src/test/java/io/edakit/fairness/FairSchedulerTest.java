package io.edakit.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The scheduler alone, driven in virtual time: every tenant backlogged unless a test says otherwise. */
class FairSchedulerTest {

    static Map<String, Integer> run(FairScheduler<String> scheduler, int releases, Map<String, Long> costs) {
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < releases; i++) {
            FairScheduler.Grant<String> grant = scheduler.poll();
            assertThat(grant).isNotNull();
            served.merge(grant.tenant(), 1, Integer::sum);
            scheduler.complete(grant, costs.getOrDefault(grant.tenant(), 1_000_000L));
        }
        return served;
    }

    private static void backlog(FairScheduler<String> scheduler, String tenant, int count) {
        for (int i = 0; i < count; i++) {
            scheduler.offer(tenant, tenant + "-" + i, System.nanoTime());
        }
    }

    @Test
    void weights3To1To1GiveSharesWithin5Percent() {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares().withWeights("a=3,b=1,c=1")
                .withCostMode(CostMode.COUNT), 1);
        List.of("a", "b", "c").forEach(t -> backlog(scheduler, t, 20_000));
        Map<String, Integer> served = run(scheduler, 10_000, Map.of());
        assertThat(served.get("a") / 10_000.0).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.03));
        assertThat(served.get("b") / 10_000.0).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(served.get("c") / 10_000.0).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void equalWeightsGiveAJainIndexOfAtLeast099() {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares(), 4);
        for (int t = 0; t < 50; t++) {
            backlog(scheduler, "t" + t, 1_000);
        }
        Map<String, Integer> served = run(scheduler, 20_000, Map.of());
        assertThat(jain(served.values())).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void handlerTimeChargesASlowTenantForTheConsumersItHolds() {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares(), 1);
        backlog(scheduler, "slow", 10_000);
        backlog(scheduler, "fast", 10_000);
        Map<String, Integer> served = run(scheduler, 5_100, Map.of("slow", 50_000_000L, "fast", 1_000_000L));
        // equal time: the fast tenant gets about 50 messages per slow one
        assertThat(served.get("fast") / (double) served.get("slow")).isBetween(35.0, 65.0);
    }

    @Test
    void countingGivesTheSlowTenantAsManyMessages() {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares().withCostMode(CostMode.COUNT), 1);
        backlog(scheduler, "slow", 1_000);
        backlog(scheduler, "fast", 1_000);
        Map<String, Integer> served = run(scheduler, 1_000, Map.of("slow", 50_000_000L));
        assertThat(served.get("fast")).isEqualTo(500);
    }

    @Test
    void aTenantAloneGetsEveryConsumerButTheCapHoldsWhileOthersWait() {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares().withMaxShare(0.5), 4);
        backlog(scheduler, "a", 100);
        List<FairScheduler.Grant<String>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(scheduler.poll());
        }
        assertThat(held).allMatch(g -> g != null && g.tenant().equals("a")); // work-conserving
        assertThat(scheduler.poll()).isNull(); // every slot taken
        held.forEach(g -> scheduler.complete(g, 1_000_000));
        held.clear();
        backlog(scheduler, "b", 1);
        backlog(scheduler, "c", 100);
        for (int i = 0; i < 4; i++) {
            held.add(scheduler.poll());
        }
        assertThat(held).filteredOn(g -> g.tenant().equals("a")).hasSizeLessThanOrEqualTo(2);
        assertThat(held).extracting(FairScheduler.Grant::tenant).contains("b");
    }

    @Test
    void aHigherPriorityLevelIsServedFirstAndFairlyWithinItself() {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares().withCostMode(CostMode.COUNT)
                .withPriorities("gold1=1,gold2=1"), 1);
        backlog(scheduler, "free", 100);
        backlog(scheduler, "gold1", 50);
        backlog(scheduler, "gold2", 50);
        Map<String, Integer> first = run(scheduler, 100, Map.of());
        assertThat(first).containsEntry("gold1", 50).containsEntry("gold2", 50).doesNotContainKey("free");
        assertThat(run(scheduler, 100, Map.of())).containsEntry("free", 100);
        assertThat(scheduler.waiting()).isZero();
    }

    @Test
    void aTenantsMessagesAreReleasedInTheOrderTheyArrived() {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares(), 3);
        backlog(scheduler, "a", 500);
        backlog(scheduler, "b", 500);
        List<String> ofA = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            FairScheduler.Grant<String> grant = scheduler.poll();
            if (grant.tenant().equals("a")) {
                ofA.add(grant.item());
            }
            scheduler.complete(grant, 1_000);
        }
        assertThat(ofA).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(ofA.get(i)).isEqualTo("a-" + i);
        }
    }

    @Test
    void aQuietTenantIsServedWithinOneRoundOfAFlood() {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares(), 1);
        backlog(scheduler, "noisy", 100_000);
        run(scheduler, 1_000, Map.of());
        backlog(scheduler, "quiet", 1);
        int before = 0;
        while (true) {
            FairScheduler.Grant<String> grant = scheduler.poll();
            scheduler.complete(grant, 1_000_000);
            if (grant.tenant().equals("quiet")) {
                break;
            }
            before++;
        }
        assertThat(before).isLessThanOrEqualTo(2);
    }

    @Test
    void snapshotsFlagTheNoisyTenantAndCountEverything() {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares().withCostMode(CostMode.COUNT), 1);
        backlog(scheduler, "noisy", 10_000);
        run(scheduler, 5_000, Map.of());
        backlog(scheduler, "quiet", 1);
        List<TenantSnapshot> snapshot = scheduler.snapshot();
        assertThat(snapshot.get(0).tenant()).isEqualTo("noisy");
        assertThat(snapshot.get(0).noisy()).isTrue();
        assertThat(snapshot.get(0).waiting() + snapshot.get(0).handled()).isEqualTo(10_000);
        assertThat(snapshot).filteredOn(s -> s.tenant().equals("quiet")).singleElement()
                .satisfies(s -> assertThat(s.noisy()).isFalse());
        assertThat(scheduler.drainWaiting()).hasSize(5_001);
    }

    @Test
    void completingTwiceIsRefused() {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares(), 1);
        backlog(scheduler, "a", 1);
        FairScheduler.Grant<String> grant = scheduler.poll();
        scheduler.complete(grant, 1);
        assertThatThrownBy(() -> scheduler.complete(grant, 1)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * The slow tenant in virtual time, one consumer: B, C, D 200 messages of 1 ms and S
     * (when {@code slow}) 40 of 50 ms, all waiting. Returns the 99th percentile of B-D's completion
     * times, in ms.
     */
    private static double quickTenantsP99(boolean slow) {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares(), 1);
        List.of("B", "C", "D").forEach(t -> backlog(scheduler, t, 200));
        if (slow) {
            backlog(scheduler, "S", 40);
        }
        long clock = 0;
        List<Long> quickDone = new ArrayList<>();
        while (quickDone.size() < 600) {
            FairScheduler.Grant<String> grant = scheduler.poll();
            long cost = grant.tenant().equals("S") ? 50_000_000L : 1_000_000L;
            clock += cost;
            scheduler.complete(grant, cost);
            if (!grant.tenant().equals("S")) {
                quickDone.add(clock);
            }
        }
        return quickDone.get((int) Math.ceil(600 * 0.99) - 1) / 1e6;
    }

    @Test
    void aSlowTenantPaysBeforeItRunsSoTheQuickTenantsDwellGrowsByNoMoreThanItsShare() {
        // S's fair share is a quarter of the consumer's time: the ideal is 4/3 (1.25 measured, S one
        // message behind its share at most); charged only after its messages ran, S was a message
        // ahead and this was 1.42
        assertThat(quickTenantsP99(true) / quickTenantsP99(false)).isLessThanOrEqualTo(4.0 / 3);
    }

    @Test
    void oneStalledMessageDoesNotStretchEveryTurn() {
        FairScheduler<String> scheduler = new FairScheduler<>(FairnessPolicy.equalShares(), 1);
        backlog(scheduler, "noisy", 10_000);
        run(scheduler, 200, Map.of());
        FairScheduler.Grant<String> stalled = scheduler.poll();
        scheduler.complete(stalled, 10_000_000_000L); // a 10 s lock wait
        run(scheduler, 10, Map.of());
        backlog(scheduler, "quiet", 1);
        int before = 0;
        while (true) {
            FairScheduler.Grant<String> grant = scheduler.poll();
            scheduler.complete(grant, 1_000_000);
            if (grant.tenant().equals("quiet")) {
                break;
            }
            before++;
        }
        // the noisy tenant's turn is a quantum of messages: had the stall counted whole, ~300 ms worth
        assertThat(before).isLessThanOrEqualTo(5);
    }

    static double jain(java.util.Collection<? extends Number> values) {
        double sum = 0;
        double squares = 0;
        for (Number v : values) {
            sum += v.doubleValue();
            squares += v.doubleValue() * v.doubleValue();
        }
        return sum * sum / (values.size() * squares);
    }
}
