package io.edakit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.jdbc.GroupCommitter;
import io.edakit.jdbc.HeldCommitter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The JDBC store's writes share transactions: a key claimed twice in one batch is claimed by the
 * first claimant only, and the others of the batch are not affected.
 */
abstract class IdempotencyGroupCommitTest {

    private static final Duration WINDOW = Duration.ofHours(1);
    private static IdempotencyDatabase database;

    static void openDatabase(String url, String user) {
        database = IdempotencyDatabase.open(url, user, "", 8, "group-commit-test");
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @Test
    void aKeyClaimedTwiceInOneBatchIsTheFirstClaimantsOnly() throws Exception {
        IdempotencyStore store = database.store("ns-" + UUID.randomUUID());
        Instant now = Instant.now();
        ExecutorService consumers = Executors.newFixedThreadPool(3);
        List<Future<ClaimResult>> answers = new ArrayList<>();
        try (HeldCommitter held = HeldCommitter.hold(database.committer())) {
            for (String key : List.of("k", "k", "other")) {
                answers.add(consumers.submit(() -> store.claim(key, now, WINDOW)));
                held.awaitQueued(answers.size());
            }
        } finally {
            consumers.shutdown();
        }
        assertThat(answers.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(answers.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(ClaimResult.IN_PROGRESS);
        assertThat(answers.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(ClaimResult.CLAIMED);
        store.confirm("k");
        assertThat(store.claim("k", now, WINDOW)).isEqualTo(ClaimResult.DUPLICATE);
    }

    @Test
    void aClaimConfirmedInTheSameBatchIsADuplicateForTheNextClaimant() throws Exception {
        IdempotencyStore store = database.store("ns-" + UUID.randomUUID());
        Instant now = Instant.now();
        assertThat(store.claim("k", now, WINDOW)).isEqualTo(ClaimResult.CLAIMED);
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        Future<ClaimResult> redelivered;
        try (HeldCommitter held = HeldCommitter.hold(database.committer())) {
            consumers.submit(() -> store.confirm("k"));
            held.awaitQueued(1);
            redelivered = consumers.submit(() -> store.claim("k", now, WINDOW));
            held.awaitQueued(2);
        } finally {
            consumers.shutdown();
        }
        assertThat(redelivered.get(10, TimeUnit.SECONDS)).isEqualTo(ClaimResult.DUPLICATE);
    }

    @Test
    void concurrentConsumersClaimEachKeyExactlyOnce() throws Exception {
        IdempotencyStore store = database.store("ns-" + UUID.randomUUID());
        int consumers = 8;
        int keys = 150;
        Instant now = Instant.now();
        GroupCommitter.Counts before = database.committer().counts();
        Map<String, AtomicInteger> claimed = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(consumers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                running.add(threads.submit(() -> {
                    for (int k = 0; k < keys; k++) {
                        String key = "key-" + k; // every consumer receives every key: 7 of 8 are duplicates
                        if (store.claim(key, now, WINDOW) == ClaimResult.CLAIMED) {
                            claimed.computeIfAbsent(key, x -> new AtomicInteger()).incrementAndGet();
                            store.confirm(key);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> consumer : running) {
                consumer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(claimed).hasSize(keys);
        assertThat(claimed.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        GroupCommitter.Counts counts = database.committer().counts().since(before);
        assertThat(counts.transactions()).as("consumers shared commits").isLessThan(counts.writes());
    }
}
