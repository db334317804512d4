package io.edakit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyStore} promises; subclasses only say how to open one. */
abstract class IdempotencyStoreContractTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private final List<IdempotencyStore> opened = new ArrayList<>();
    private String namespace;
    private IdempotencyStore store;

    /** A store of a fresh namespace; two calls with the same namespace share their keys. */
    protected abstract IdempotencyStore open(String namespace);

    /** A store of {@code namespace} in another process, and what ends that process. */
    protected record Elsewhere(IdempotencyStore store, AutoCloseable process) {
    }

    /** A store of {@code namespace} as another process opens it; null where keys stay in one process (memory). */
    protected Elsewhere openElsewhere(String namespace) {
        return null;
    }

    /**
     * Leaves in the store, as a process that was killed would have, an unfinished claim of {@code key}
     * (at {@code claimedAt}) by a claimant whose last heartbeat was at {@code lastHeartbeat}: written
     * through the store's own medium (raw JDBC, plain kafka-clients), not by a store object. False
     * where claims do not outlive their process (memory).
     */
    protected boolean leaveClaim(String namespace, String key, Instant claimedAt, Instant lastHeartbeat) throws Exception {
        return false;
    }

    @BeforeEach
    void openStore() {
        namespace = UUID.randomUUID().toString();
        store = openTracked(namespace);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(IdempotencyStore::close);
    }

    @Test
    void anUnfinishedClaimOfASilentClaimantIsTakenOverWithinSecondsOneOfALiveClaimantIsNot() throws Exception {
        Instant now = Instant.now();
        assumeTrue(leaveClaim(namespace, "crashed", now.minusSeconds(40), now.minusSeconds(30)), "claims live in one process");
        leaveClaim(namespace, "busy", now.minusSeconds(40), now.plus(Duration.ofMinutes(5)));
        // judged once this store's own heartbeats have gone through for a few seconds; the lease is minutes away
        await().atMost(Duration.ofSeconds(20)).until(() -> store.claim("crashed", Instant.now(), WINDOW) == ClaimResult.CLAIMED);
        assertThat(store.claim("busy", Instant.now(), WINDOW)).isEqualTo(ClaimResult.IN_PROGRESS);
        store.confirm("crashed");
        assertThat(store.claim("crashed", Instant.now(), WINDOW)).isEqualTo(ClaimResult.DUPLICATE);
    }

    @Test
    void whatAClosedProcessLeftUnfinishedIsTakenOverAtOnceWhatItConfirmedIsNot() throws Exception {
        Elsewhere elsewhere = openElsewhere(namespace);
        assumeTrue(elsewhere != null, "claims live in one process");
        Instant now = Instant.now();
        assertThat(elsewhere.store().claim("left", now, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(elsewhere.store().claim("done", now, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        elsewhere.store().confirm("done");
        assertThat(store.claim("left", now, WINDOW)).as("the other process is alive").isEqualTo(ClaimResult.IN_PROGRESS);
        elsewhere.process().close();
        await().atMost(Duration.ofSeconds(20)).until(() -> store.claim("left", Instant.now(), WINDOW) == ClaimResult.CLAIMED);
        assertThat(store.claim("done", Instant.now(), WINDOW)).isEqualTo(ClaimResult.DUPLICATE);
    }

    private IdempotencyStore openTracked(String namespace) {
        IdempotencyStore created = open(namespace);
        opened.add(created);
        return created;
    }

    @Test
    void firstClaimWinsAndLaterOnesAreDuplicates() {
        assertThat(store.claim("a", T0, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        store.confirm("a");
        assertThat(store.claim("a", T0.plusSeconds(1), WINDOW)).isEqualTo(ClaimResult.DUPLICATE);
        assertThat(store.claim("b", T0.plusSeconds(1), WINDOW)).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void anUnconfirmedClaimIsInProgressUntilItsHolderConfirmsOrReleasesIt() {
        assertThat(store.claim("a", T0, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(store.claim("a", T0, WINDOW)).isEqualTo(ClaimResult.IN_PROGRESS);
        store.confirm("a");
        assertThat(store.claim("a", T0, WINDOW)).isEqualTo(ClaimResult.DUPLICATE);

        assertThat(store.claim("b", T0, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(store.claim("b", T0, WINDOW)).isEqualTo(ClaimResult.IN_PROGRESS);
        store.release("b");
        assertThat(store.claim("b", T0, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void aKeyOlderThanTheWindowIsClaimedAgain() {
        store.claim("a", T0, WINDOW);
        store.confirm("a");
        assertThat(store.claim("a", T0.plus(WINDOW), WINDOW)).isEqualTo(ClaimResult.DUPLICATE);
        Instant later = T0.plus(WINDOW).plusSeconds(1);
        assertThat(store.claim("a", later, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        // the re-claim starts a new window
        store.confirm("a");
        assertThat(store.claim("a", later.plusSeconds(1), WINDOW)).isEqualTo(ClaimResult.DUPLICATE);
    }

    @Test
    void aClaimNeverConfirmedLapsesAfterTheLeaseSoACrashedDeliveryIsHandledOnRedelivery() {
        Duration longWindow = Duration.ofHours(6);
        assertThat(store.claim("crashed", T0, longWindow)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(store.claim("done", T0, longWindow)).isEqualTo(ClaimResult.CLAIMED);
        store.confirm("done");
        Instant afterLease = T0.plus(IdempotencyStore.IN_PROGRESS_LEASE).plusSeconds(1);
        assertThat(store.claim("crashed", afterLease, longWindow)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(store.claim("done", afterLease, longWindow)).isEqualTo(ClaimResult.DUPLICATE);
    }

    @Test
    void aRedeliveryTakesOverAnUnconfirmedClaimButNotAConfirmedOne() {
        assertThat(store.claim("crashed", T0, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(store.claim("done", T0, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        store.confirm("done");
        assertThat(store.reclaim("crashed", T0.plusSeconds(20), WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(store.reclaim("done", T0.plusSeconds(20), WINDOW)).isEqualTo(ClaimResult.DUPLICATE);
        assertThat(store.claim("crashed", T0.plusSeconds(21), WINDOW)).isEqualTo(ClaimResult.IN_PROGRESS);
    }

    @Test
    void aReleasedKeyIsNotADuplicate() {
        store.claim("a", T0, WINDOW);
        store.release("a");
        assertThat(store.claim("a", T0.plusSeconds(1), WINDOW)).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void evictionRemovesExpiredKeysAndOnlyThose() {
        store.claim("old-1", T0, WINDOW);
        store.claim("old-2", T0.plusSeconds(1), WINDOW);
        store.claim("fresh", T0.plus(WINDOW), WINDOW);
        Instant now = T0.plus(WINDOW).plusSeconds(2);
        assertThat(store.evictExpired(now, WINDOW)).isEqualTo(2);
        assertThat(store.evictExpired(now, WINDOW)).isZero();
        assertThat(store.claim("fresh", now, WINDOW)).isEqualTo(ClaimResult.IN_PROGRESS);
        // evicted keys are free, even with a window that would still cover them
        assertThat(store.claim("old-1", now, Duration.ofDays(1))).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void namespacesDoNotShareKeys() {
        IdempotencyStore other = openTracked(UUID.randomUUID().toString());
        assertThat(store.claim("a", T0, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(other.claim("a", T0, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(other.evictExpired(T0.plus(WINDOW).plusSeconds(1), WINDOW)).isEqualTo(1);
        assertThat(store.claim("a", T0, WINDOW)).isEqualTo(ClaimResult.IN_PROGRESS);
    }

    @Test
    void racingClaimsFromEightThreadsGiveExactlyOneClaim() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = "race-" + round;
            Instant now = T0.plusSeconds(round);
            assertThat(race(8, () -> store.claim(key, now, WINDOW)))
                    .containsOnlyOnce(ClaimResult.CLAIMED).hasSize(8);
        }
    }

    @Test
    void racingReclaimsOfAnExpiredKeyGiveExactlyOneClaim() throws Exception {
        for (int round = 0; round < 10; round++) {
            String key = "expired-" + round;
            store.claim(key, T0, WINDOW);
            store.confirm(key);
            Instant later = T0.plus(WINDOW).plusSeconds(1);
            assertThat(race(8, () -> store.claim(key, later, WINDOW))).containsOnlyOnce(ClaimResult.CLAIMED);
        }
    }

    @Test
    void staleGuardAcceptsOnlyNewerPositionsPerScope() {
        assertThat(store.lastPosition("order-1")).isEmpty();
        assertThat(store.advance("order-1", 10)).isEqualTo(AdvanceResult.ACCEPTED);
        assertThat(store.advance("order-1", 10)).isEqualTo(AdvanceResult.STALE);
        assertThat(store.advance("order-1", 5)).isEqualTo(AdvanceResult.STALE);
        assertThat(store.advance("order-2", 5)).isEqualTo(AdvanceResult.ACCEPTED);
        assertThat(store.advance("order-1", 11)).isEqualTo(AdvanceResult.ACCEPTED);
        assertThat(store.lastPosition("order-1")).hasValue(11);
        assertThat(store.lastPosition("order-2")).hasValue(5);
    }

    @Test
    void racingAdvancesKeepTheGreatestPosition() throws Exception {
        for (int round = 0; round < 10; round++) {
            String scope = "scope-" + round;
            List<Long> positions = List.of(3L, 8L, 1L, 7L, 5L, 2L, 6L, 4L);
            List<Callable<AdvanceResult>> tasks = new ArrayList<>();
            positions.forEach(position -> tasks.add(() -> store.advance(scope, position)));
            List<AdvanceResult> results = raceAll(tasks);
            assertThat(results.get(positions.indexOf(8L))).isEqualTo(AdvanceResult.ACCEPTED);
            assertThat(store.lastPosition(scope)).hasValue(8);
            assertThat(store.advance(scope, 8)).isEqualTo(AdvanceResult.STALE);
        }
    }

    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        List<Callable<T>> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            tasks.add(task);
        }
        return raceAll(tasks);
    }

    /** Runs the tasks on as many threads, released together so they really overlap. */
    private static <T> List<T> raceAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
