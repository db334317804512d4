package io.edakit.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.edakit.jdbc.GroupCommitter;
import io.edakit.jdbc.HeldCommitter;
import io.edakit.saga.SagaEvent.Kind;
import org.junit.jupiter.api.Test;

/**
 * The saga log's writes share transactions: what each caller is answered is its own, whoever else
 * was in the batch. Batches are arranged by holding the committer busy while the writes queue up.
 */
abstract class SagaLogGroupCommitTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LEASE_END = T0.plus(Duration.ofSeconds(30));

    protected abstract JdbcSagaLog log();

    private final String definition = "orders-" + UUID.randomUUID();

    private SagaRecord saga(String id, String owner) {
        return new SagaRecord(id, definition, SagaState.RUNNING, "{}".getBytes(StandardCharsets.UTF_8), Map.of(), T0,
                T0.plus(Duration.ofMinutes(5)), T0, owner, false);
    }

    @Test
    void aSagaStartedTwiceInOneBatchIsRecordedForTheFirstCallerOnly() throws Exception {
        String id = "saga-" + UUID.randomUUID();
        String other = "saga-" + UUID.randomUUID();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try (HeldCommitter held = HeldCommitter.hold(log().committer())) {
            Future<Boolean> first = callers.submit(() -> log().start(saga(id, "first"), LEASE_END));
            held.awaitQueued(1);
            Future<Boolean> second = callers.submit(() -> log().start(saga(id, "second"), LEASE_END));
            held.awaitQueued(2);
            Future<Boolean> unrelated = callers.submit(() -> log().start(saga(other, "third"), LEASE_END));
            held.awaitQueued(3);
            held.close();
            assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(unrelated.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            callers.shutdownNow();
        }
        assertThat(log().find(id).orElseThrow().owner()).isEqualTo("first");
        assertThat(log().timeline(id)).extracting(SagaEvent::kind).containsExactly(Kind.STARTED);
        assertThat(log().find(other).orElseThrow().owner()).isEqualTo("third");
    }

    @Test
    void aWriterThatLostItsLeaseFailsAloneInItsBatch() throws Exception {
        List<String> ids = List.of("saga-" + UUID.randomUUID(), "saga-" + UUID.randomUUID(), "saga-" + UUID.randomUUID());
        for (String id : ids) {
            assertThat(log().start(saga(id, "owner"), LEASE_END)).isTrue();
        }
        ExecutorService callers = Executors.newFixedThreadPool(3);
        List<Future<Boolean>> answers = new ArrayList<>();
        try (HeldCommitter held = HeldCommitter.hold(log().committer())) {
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                String owner = i == 1 ? "taken-over-meanwhile" : "owner"; // the fencing token it no longer holds
                answers.add(callers.submit(() -> log().append(id, owner, List.of(
                        SagaEvent.step(Kind.ACTION_STARTED, "reserve", 1, T0, null),
                        SagaEvent.step(Kind.ACTION_SUCCEEDED, "reserve", 1, T0, null)), LEASE_END)));
                held.awaitQueued(i + 1);
            }
        } finally {
            callers.shutdown();
        }
        assertThat(answers.get(0).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(answers.get(1).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(answers.get(2).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(log().timeline(ids.get(0))).extracting(SagaEvent::kind)
                .containsExactly(Kind.STARTED, Kind.ACTION_STARTED, Kind.ACTION_SUCCEEDED);
        assertThat(log().timeline(ids.get(1))).extracting(SagaEvent::kind).containsExactly(Kind.STARTED);
        assertThat(log().timeline(ids.get(2))).extracting(SagaEvent::kind)
                .containsExactly(Kind.STARTED, Kind.ACTION_STARTED, Kind.ACTION_SUCCEEDED);
    }

    @Test
    void concurrentWorkersEachSeeTheirOwnSagasWritten() throws Exception {
        int workers = 12;
        int sagasEach = 25;
        GroupCommitter.Counts before = log().committer().counts();
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        List<Future<List<String>>> started = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                String owner = "worker-" + w + "-" + UUID.randomUUID();
                started.add(threads.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < sagasEach; i++) {
                        String id = owner + "/" + i;
                        assertThat(log().start(saga(id, owner), LEASE_END)).isTrue();
                        assertThat(log().append(id, owner, SagaEvent.step(Kind.ACTION_STARTED, "a", 1, T0, null),
                                LEASE_END)).isTrue();
                        // a write under somebody else's token fails, however the batches fall
                        assertThat(log().append(id, "not-" + owner, SagaEvent.step(Kind.ACTION_STARTED, "b", 1, T0, null),
                                LEASE_END)).isFalse();
                        assertThat(log().transition(id, owner, List.of(SagaEvent.step(Kind.ACTION_SUCCEEDED, "a", 1, T0,
                                null)), SagaState.COMPLETED, T0, LEASE_END)).isTrue();
                        mine.add(id);
                    }
                    return mine;
                }));
            }
            for (Future<List<String>> worker : started) {
                for (String id : worker.get(60, TimeUnit.SECONDS)) {
                    assertThat(log().find(id).orElseThrow().state()).isEqualTo(SagaState.COMPLETED);
                    assertThat(log().timeline(id)).extracting(SagaEvent::kind).containsExactly(Kind.STARTED,
                            Kind.ACTION_STARTED, Kind.ACTION_SUCCEEDED, Kind.STATE);
                }
            }
        } finally {
            threads.shutdownNow();
        }
        GroupCommitter.Counts counts = log().committer().counts().since(before);
        assertThat(counts.writes()).isEqualTo(workers * sagasEach * 4L);
        assertThat(counts.transactions()).as("workers shared commits").isLessThan(counts.writes());
    }
}
