package io.edakit.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.edakit.saga.SagaEvent.Kind;
import org.junit.jupiter.api.Test;

/** What every saga log must do; run against H2 and a real PostgreSQL. */
abstract class SagaLogContractTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    protected abstract SagaLog log();

    /** A second instance on the same database, as another process sharing the log would have. */
    protected abstract SagaLog otherInstance();

    private final String definition = "orders-" + UUID.randomUUID();

    private SagaRecord saga(String id, String owner) {
        return new SagaRecord(id, definition, SagaState.RUNNING, "{\"order\":1}".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_type", "order.placed"), T0, T0.plus(Duration.ofMinutes(5)), T0, owner, false);
    }

    private String newId() {
        return "saga-" + UUID.randomUUID();
    }

    @Test
    void aSagaIsRecordedOnceWithItsInputAndAStartedEvent() {
        String id = newId();
        assertThat(log().start(saga(id, "a"), T0.plus(LEASE))).isTrue();
        assertThat(log().start(saga(id, "b"), T0.plus(LEASE))).isFalse();

        SagaRecord found = log().find(id).orElseThrow();
        assertThat(found.owner()).isEqualTo("a");
        assertThat(found.state()).isEqualTo(SagaState.RUNNING);
        assertThat(new String(found.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"order\":1}");
        assertThat(found.headers()).containsEntry("ce_type", "order.placed");
        assertThat(log().timeline(id)).extracting(SagaEvent::kind).containsExactly(Kind.STARTED);
    }

    @Test
    void onlyTheOwnerWritesAndEveryWriteIsInTheTimelineInOrder() {
        String id = newId();
        log().start(saga(id, "a"), T0.plus(LEASE));
        assertThat(log().append(id, "a", SagaEvent.step(Kind.ACTION_STARTED, "reserve", 1, T0, null), T0.plus(LEASE))).isTrue();
        assertThat(log().append(id, "b", SagaEvent.step(Kind.ACTION_SUCCEEDED, "reserve", 1, T0, null), T0.plus(LEASE))).isFalse();
        assertThat(log().append(id, "a", SagaEvent.step(Kind.ACTION_FAILED, "reserve", 1, T0, "boom"), T0.plus(LEASE))).isTrue();
        assertThat(log().transition(id, "b", SagaState.COMPENSATING, T0, T0.plus(LEASE))).isFalse();
        assertThat(log().transition(id, "a", SagaState.COMPENSATING, T0, T0.plus(LEASE))).isTrue();

        List<SagaEvent> timeline = log().timeline(id);
        assertThat(timeline).extracting(SagaEvent::kind)
                .containsExactly(Kind.STARTED, Kind.ACTION_STARTED, Kind.ACTION_FAILED, Kind.STATE);
        assertThat(timeline.get(2).detail()).isEqualTo("boom");
        assertThat(timeline.get(3).detail()).isEqualTo("compensating");
        assertThat(log().find(id).orElseThrow().state()).isEqualTo(SagaState.COMPENSATING);
    }

    @Test
    void anOrphanIsTakenOverOnlyAfterItsLeaseLapsedAndOnlyOnce() {
        String id = newId();
        log().start(saga(id, "dead"), T0.plus(LEASE));
        assertThat(log().claimOrphans(Set.of(definition), "b", T0.plusSeconds(10), T0.plusSeconds(40), 10)).isEmpty();

        Instant later = T0.plus(LEASE).plusSeconds(1);
        assertThat(log().claimOrphans(Set.of(definition), "b", later, later.plus(LEASE), 10)).containsExactly(id);
        assertThat(log().claimOrphans(Set.of(definition), "c", later, later.plus(LEASE), 10)).isEmpty();
        assertThat(log().claimOrphans(Set.of("other-definition"), "c", later.plus(LEASE).plusSeconds(1),
                later.plus(LEASE), 10)).isEmpty();

        // the old owner, were it only paused, can write nothing more
        assertThat(log().append(id, "dead", SagaEvent.step(Kind.ACTION_STARTED, "x", 1, later, null), later)).isFalse();
        assertThat(log().find(id).orElseThrow().owner()).isEqualTo("b");
        assertThat(log().timeline(id)).extracting(SagaEvent::kind).containsExactly(Kind.STARTED, Kind.RESUMED);
    }

    @Test
    void twoInstancesRacingToTakeOverTheSameOrphansGetEachOnceAndTheLoserWritesNothing() throws Exception {
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = newId();
            log().start(saga(id, "dead"), T0.plus(LEASE));
            orphans.add(id);
        }
        Instant later = T0.plus(LEASE).plusSeconds(1);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<List<String>> byB = instances.submit(() -> {
                go.await();
                return log().claimOrphans(Set.of(definition), "b", later, later.plus(LEASE), orphans.size());
            });
            Future<List<String>> byC = instances.submit(() -> {
                go.await();
                return otherInstance().claimOrphans(Set.of(definition), "c", later, later.plus(LEASE), orphans.size());
            });
            go.countDown();
            List<String> b = byB.get(30, TimeUnit.SECONDS);
            List<String> c = byC.get(30, TimeUnit.SECONDS);

            assertThat(b.stream().filter(c::contains).toList()).as("claimed by both").isEmpty();
            assertThat(concat(b, c)).containsExactlyInAnyOrderElementsOf(orphans);
            for (String id : orphans) {
                String winner = b.contains(id) ? "b" : "c";
                String loser = b.contains(id) ? "c" : "b";
                assertThat(log().find(id).orElseThrow().owner()).as(id).isEqualTo(winner);
                assertThat(log().timeline(id)).as(id).extracting(SagaEvent::kind, SagaEvent::detail)
                        .containsExactly(tuple(Kind.STARTED, null), tuple(Kind.RESUMED, winner));
                // the loser holds no claim: whatever it tries to write is refused
                Instant now = later.plusSeconds(1);
                assertThat(otherInstance().append(id, loser, SagaEvent.step(Kind.ACTION_STARTED, "reserve", 1, now, null),
                        now.plus(LEASE))).isFalse();
                assertThat(otherInstance().transition(id, loser, SagaState.COMPENSATING, now, now.plus(LEASE))).isFalse();
                assertThat(otherInstance().renew(id, loser, now.plus(LEASE))).isFalse();
                assertThat(log().timeline(id)).as(id).hasSize(2);
            }
        } finally {
            instances.shutdownNow();
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void aRenewedLeaseIsNotTakenOverAndALetGoSagaIsAtOnce() {
        String id = newId();
        log().start(saga(id, "a"), T0.plus(LEASE));
        assertThat(log().renew(id, "a", T0.plus(LEASE).plus(LEASE))).isTrue();
        assertThat(log().renew(id, "b", T0.plus(LEASE).plus(LEASE))).isFalse();
        Instant afterFirstLease = T0.plus(LEASE).plusSeconds(1);
        assertThat(log().claimOrphans(Set.of(definition), "b", afterFirstLease, afterFirstLease.plus(LEASE), 10)).isEmpty();

        log().letGo(id, "a");
        assertThat(log().claimOrphans(Set.of(definition), "b", T0, T0.plus(LEASE), 10)).containsExactly(id);
    }

    @Test
    void endedSagasAreNotOrphansAndTheirOutcomesArePublishedOnce() {
        String id = newId();
        log().start(saga(id, "a"), T0.plus(LEASE));
        log().transition(id, "a", SagaState.COMPLETED, T0, T0);
        Instant later = T0.plus(LEASE).plus(LEASE);
        assertThat(log().claimOrphans(Set.of(definition), "b", later, later.plus(LEASE), 10)).isEmpty();
        // its owner still holds it (it publishes itself); once the lease lapsed, others republish
        assertThat(log().unpublishedOutcomes(Set.of(definition), T0.minusSeconds(1), 10)).isEmpty();
        assertThat(log().unpublishedOutcomes(Set.of(definition), later, 10)).containsExactly(id);
        log().markOutcomePublished(id);
        assertThat(log().unpublishedOutcomes(Set.of(definition), later, 10)).isEmpty();
    }

    @Test
    void anOperatorRetriesAParkedSagaInThePhaseItWasParkedIn() {
        String id = newId();
        log().start(saga(id, "a"), T0.plus(LEASE));
        assertThat(log().requestRetry(id, T0)).isFalse(); // not parked
        log().transition(id, "a", SagaState.COMPENSATING, T0, T0.plus(LEASE));
        log().append(id, "a", SagaEvent.step(Kind.COMPENSATION_STARTED, "reserve", 1, T0, null), T0.plus(LEASE));
        log().transition(id, "a", SagaState.NEEDS_ATTENTION, T0, T0.plus(LEASE));
        log().markOutcomePublished(id);

        assertThat(log().requestRetry(id, T0.plusSeconds(1))).isTrue();
        SagaRecord retried = log().find(id).orElseThrow();
        assertThat(retried.state()).isEqualTo(SagaState.COMPENSATING);
        assertThat(retried.owner()).isNull();
        assertThat(retried.outcomePublished()).isFalse();
        assertThat(log().claimOrphans(Set.of(definition), "b", T0.plusSeconds(2), T0.plus(LEASE), 10)).containsExactly(id);
        // the retry starts the attempt count again
        assertThat(SagaProgress.of(log().timeline(id)).step("reserve").compensation().failed()).isZero();
    }

    @Test
    void anOperatorCompensatesARunningSagaAndItsWorkerLosesIt() {
        String id = newId();
        log().start(saga(id, "a"), T0.plus(LEASE));
        assertThat(log().requestCompensation(id, T0.plusSeconds(1))).isTrue();
        assertThat(log().requestCompensation(id, T0.plusSeconds(2))).isFalse(); // compensating already
        assertThat(log().append(id, "a", SagaEvent.step(Kind.ACTION_STARTED, "x", 1, T0, null), T0.plus(LEASE))).isFalse();
        assertThat(log().find(id).orElseThrow().state()).isEqualTo(SagaState.COMPENSATING);
        assertThat(log().requestCompensation("no-such-saga", T0)).isFalse();
    }

    @Test
    void listsTheNewestFirstFilteredByState() {
        String first = newId();
        String second = newId();
        log().start(saga(first, "a"), T0.plus(LEASE));
        SagaRecord later = saga(second, "a");
        log().start(new SagaRecord(second, definition, SagaState.RUNNING, later.payload(), later.headers(),
                T0.plusSeconds(5), later.deadline(), T0.plusSeconds(5), "a", false), T0.plus(LEASE));
        log().transition(second, "a", SagaState.COMPLETED, T0.plusSeconds(6), T0);

        List<String> all = log().list(Optional.empty(), 1000).stream().map(SagaRecord::id).toList();
        assertThat(all.indexOf(second)).isLessThan(all.indexOf(first));
        assertThat(log().list(Optional.of(SagaState.COMPLETED), 1000)).extracting(SagaRecord::id)
                .contains(second).doesNotContain(first);
    }
}
