package io.edakit.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * What every database under the event store must give: expected versions, atomic appends,
 * duplicate ids stored once, gap-free positions in commit order under racing writers (two store
 * instances on the same database, as two processes would be), a live subscriber seeing each event
 * once in order, and the outbox's cursor.
 */
abstract class EventStoreContractTest {

    /** The store under test. */
    protected abstract JdbcEventStore store();

    /** A second store on the same database (another instance of the application). */
    protected abstract JdbcEventStore other();

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static NewEvent event(String json) {
        return NewEvent.of(UUID.randomUUID().toString(), "test.event", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void expectedVersionsAreChecked() {
        String stream = unique("order");
        JdbcEventStore store = store();
        assertThat(store.append(stream, ExpectedVersion.EXISTS, List.of(event("{}"))))
                .isEqualTo(new AppendResult.Conflict(stream, ExpectedVersion.EXISTS, 0));
        assertThat(store.append(stream, ExpectedVersion.NO_STREAM, List.of(event("{}"))))
                .isInstanceOf(AppendResult.Appended.class);
        assertThat(store.append(stream, ExpectedVersion.NO_STREAM, List.of(event("{}"))))
                .isEqualTo(new AppendResult.Conflict(stream, ExpectedVersion.NO_STREAM, 1));
        assertThat(store.append(stream, ExpectedVersion.exactly(2), List.of(event("{}"))))
                .isEqualTo(new AppendResult.Conflict(stream, ExpectedVersion.exactly(2), 1));
        AppendResult appended = store.append(stream, ExpectedVersion.exactly(1), List.of(event("{}")));
        assertThat(appended.currentVersion()).isEqualTo(2);
        assertThat(store.append(stream, ExpectedVersion.EXISTS, List.of(event("{}"))).currentVersion()).isEqualTo(3);
        assertThat(store.append(stream, ExpectedVersion.ANY, List.of(event("{}"))).currentVersion()).isEqualTo(4);
        assertThat(store.version(stream)).isEqualTo(4);
        assertThat(store.readStream(stream, 1, 100)).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void anAppendIsAtomicAndAnIdIsStoredOnce() {
        String stream = unique("order");
        JdbcEventStore store = store();
        NewEvent a = event("{\"a\":1}");
        NewEvent b = event("{\"b\":2}");
        AppendResult.Appended first = (AppendResult.Appended) store.append(stream, ExpectedVersion.NO_STREAM,
                List.of(a, b, a));
        assertThat(first.appended()).isEqualTo(2);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(first.lastPosition() - first.firstPosition()).isEqualTo(1);
        // the same append again (a redelivery): nothing new, no conflict despite the expected version
        AppendResult.Appended again = (AppendResult.Appended) store.append(stream, ExpectedVersion.NO_STREAM, List.of(a, b));
        assertThat(again.appended()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(again.currentVersion()).isEqualTo(2);
        // an id stored in another stream is not stored twice either
        NewEvent c = event("{}");
        AppendResult.Appended mixed = (AppendResult.Appended) store.append(stream, ExpectedVersion.exactly(2),
                List.of(a, c));
        assertThat(mixed.appended()).isEqualTo(1);
        assertThat(store.readStream(stream, 1, 100)).extracting(StoredEvent::id).containsExactly(a.id(), b.id(), c.id());
        List<StoredEvent> events = store.readStream(stream, 1, 100);
        assertThat(new String(events.get(0).data(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        // a conflicting append of several events writes none of them
        assertThat(store.append(stream, ExpectedVersion.exactly(1), List.of(event("{}"), event("{}"))))
                .isInstanceOf(AppendResult.Conflict.class);
        assertThat(store.version(stream)).isEqualTo(3);
    }

    @Test
    void metadataAndTimesAreKept() {
        String stream = unique("order");
        java.time.Instant happened = java.time.Instant.parse("2026-01-02T03:04:05Z");
        NewEvent event = new NewEvent(UUID.randomUUID().toString(), "order.placed", 3, "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_source", "/shop", "ce_type", "order.placed"), happened);
        store().append(stream, ExpectedVersion.ANY, List.of(event));
        StoredEvent stored = store().readStream(stream, 1, 1).get(0);
        assertThat(stored.metadata()).containsEntry("ce_source", "/shop");
        assertThat(stored.revision()).isEqualTo(3);
        assertThat(stored.eventTime()).isEqualTo(happened);
        assertThat(stored.recordedAt()).isAfter(happened);
        assertThat(store().stream(stream).orElseThrow().version()).isEqualTo(1);
        assertThat(store().streams("", 100_000)).extracting(StreamInfo::streamId).contains(stream);
    }

    @Test
    void appendsQueuedTogetherSeeEachOtherInSubmissionOrder() throws Exception {
        // submitted at once, most of them share a group: each must be checked against what the
        // ones before it in the group left, not against the committed state
        JdbcEventStore store = store();
        String stream = unique("burst");
        NewEvent twice = event("{\"n\":\"twice\"}");
        List<java.util.concurrent.CompletableFuture<AppendResult>> results = new ArrayList<>();
        var before = store.counts();
        for (int v = 0; v < 200; v++) {
            results.add(store.appendAsync(stream, ExpectedVersion.exactly(v), List.of(event("{\"v\":" + v + "}"))));
        }
        results.add(store.appendAsync(stream, ExpectedVersion.exactly(200), List.of(twice)));
        results.add(store.appendAsync(stream, ExpectedVersion.exactly(200), List.of(twice))); // a duplicate: no check
        results.add(store.appendAsync(stream, ExpectedVersion.exactly(200), List.of(event("{}")))); // stale
        List<AppendResult> answers = new ArrayList<>();
        for (var result : results) {
            answers.add(result.get());
        }
        for (int v = 0; v < 200; v++) {
            assertThat(answers.get(v)).isInstanceOfSatisfying(AppendResult.Appended.class,
                    appended -> assertThat(appended.appended()).isEqualTo(1));
            assertThat(answers.get(v).currentVersion()).isEqualTo(v + 1);
        }
        assertThat(answers.get(200).currentVersion()).isEqualTo(201);
        assertThat(answers.get(201)).isInstanceOfSatisfying(AppendResult.Appended.class,
                appended -> assertThat(appended.duplicates()).isEqualTo(1));
        assertThat(answers.get(202)).isInstanceOfSatisfying(AppendResult.Conflict.class,
                conflict -> assertThat(conflict.currentVersion()).isEqualTo(201));
        assertThat(store.readStream(stream, 1, 1_000)).extracting(StoredEvent::version)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 201).boxed().toList());
        assertThat(store.counts().since(before).transactions()).isLessThan(203); // grouped, not one by one
    }

    @Test
    void writersRacingOnOneStreamWinEachVersionOnce() throws Exception {
        String stream = unique("race");
        int writers = 16;
        int versions = 300;
        Map<Long, String> winners = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int w = 0; w < writers; w++) {
            JdbcEventStore store = w % 2 == 0 ? store() : other();
            String writer = "w" + w;
            done.add(pool.submit(() -> {
                start.await();
                while (true) {
                    long seen = store.version(stream);
                    if (seen >= versions) {
                        return null;
                    }
                    AppendResult result = store.append(stream, ExpectedVersion.exactly(seen),
                            List.of(event("{\"by\":\"" + writer + "\"}")));
                    if (result instanceof AppendResult.Appended appended) {
                        assertThat(appended.currentVersion()).isEqualTo(seen + 1);
                        assertThat(winners.put(appended.currentVersion(), writer)).isNull();
                    } else {
                        assertThat(result.currentVersion()).isGreaterThan(seen);
                        conflicts.incrementAndGet();
                    }
                }
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        List<StoredEvent> events = store().readStream(stream, 1, 10_000);
        assertThat(events).extracting(StoredEvent::version)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events.size()).isBetween(versions, versions + writers);
        assertThat(winners).hasSize(events.size());
        assertThat(conflicts.get()).as("writers did race").isPositive();
    }

    @Test
    void positionsAreGapFreeInCommitOrderAndALiveSubscriberSeesEachOnce() throws Exception {
        long before = store().headPosition();
        List<StoredEvent> seen = new CopyOnWriteArrayList<>();
        int writers = 16;
        int appends = 150;
        List<String> streams = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            streams.add(unique("many"));
        }
        try (Subscription subscription = new Subscription(store(), "test", before, 100, Duration.ofMillis(20),
                seen::addAll)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                JdbcEventStore store = w % 2 == 0 ? store() : other();
                done.add(pool.submit(() -> {
                    for (int i = 0; i < appends; i++) {
                        String stream = streams.get(ThreadLocalRandom.current().nextInt(streams.size()));
                        int n = 1 + ThreadLocalRandom.current().nextInt(3);
                        List<NewEvent> events = new ArrayList<>();
                        for (int e = 0; e < n; e++) {
                            events.add(event("{\"i\":" + i + "}"));
                        }
                        store.append(stream, ExpectedVersion.ANY, events);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            pool.shutdown();
            long head = store().headPosition();
            await().atMost(Duration.ofSeconds(30)).until(() -> subscription.position() == head);
            // every event between the two heads, each once, in position order, no gap
            List<Long> positions = seen.stream().map(StoredEvent::position).filter(p -> p <= head).toList();
            assertThat(positions).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(before + 1, head).boxed().toList());
            // within each stream the versions are contiguous and follow the positions
            for (String stream : streams) {
                List<Long> versions = seen.stream().filter(e -> e.streamId().equals(stream)).map(StoredEvent::version).toList();
                assertThat(versions).containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, versions.size()).boxed().toList());
            }
            // recorded times never go backwards along the positions
            List<java.time.Instant> recorded = seen.stream().map(StoredEvent::recordedAt).toList();
            List<java.time.Instant> sorted = new ArrayList<>(recorded);
            Collections.sort(sorted);
            assertThat(recorded).containsExactlyElementsOf(sorted);
        }
    }

    @Test
    void stateFoldsMergePatchesAtAVersionAndATime() throws Exception {
        String stream = unique("order");
        JdbcEventStore store = store();
        store.append(stream, ExpectedVersion.NO_STREAM, List.of(event("{\"status\":\"placed\",\"items\":{\"a\":1}}")));
        java.time.Instant afterFirst = store.readStream(stream, 1, 1).get(0).recordedAt();
        await().until(() -> java.time.Instant.now().isAfter(afterFirst.plusMillis(5)));
        store.append(stream, ExpectedVersion.exactly(1), List.of(event("{\"status\":\"paid\",\"items\":{\"b\":2}}"),
                event("{\"items\":{\"a\":null}}")));
        try (StateReader reader = new StateReader(store, MergePatch.FOLD, Upcasters.NONE, 0)) {
            State latest = reader.state(stream, StateQuery.latest());
            assertThat(latest.value().toString()).isEqualTo("{\"status\":\"paid\",\"items\":{\"b\":2}}");
            assertThat(latest.version()).isEqualTo(3);
            assertThat(reader.state(stream, StateQuery.atVersion(1)).value().toString())
                    .isEqualTo("{\"status\":\"placed\",\"items\":{\"a\":1}}");
            State atFirst = reader.state(stream, StateQuery.at(afterFirst, StateQuery.TimeBasis.RECORDED));
            assertThat(atFirst.version()).isEqualTo(1);
            assertThat(reader.state(stream, StateQuery.at(afterFirst.minusSeconds(1), StateQuery.TimeBasis.RECORDED))
                    .value().isNull()).isTrue();
        }
        try (StateReader jsonata = new StateReader(store, new JsonataFold(
                "{\"events\": ($exists($state.events) ? $state.events : 0) + 1, \"last\": $event.version}"), Upcasters.NONE, 0)) {
            assertThat(jsonata.state(stream, StateQuery.latest()).value().toString()).isEqualTo("{\"events\":3,\"last\":3}");
        }
    }

    @Test
    void snapshotsAreUsedAndKeyedByTheFold() throws Exception {
        String stream = unique("snap");
        JdbcEventStore store = store();
        try (StateReader reader = new StateReader(store, MergePatch.FOLD, Upcasters.NONE, 10)) {
            for (int i = 1; i <= 25; i++) {
                store.append(stream, ExpectedVersion.ANY, List.of(event("{\"n\":" + i + "}")));
            }
            reader.awaitSnapshots();
            State state = reader.state(stream, StateQuery.latest());
            assertThat(state.snapshotVersion()).isEqualTo(20);
            assertThat(state.folded()).extracting(State.Folded::version).containsExactly(21L, 22L, 23L, 24L, 25L);
            assertThat(state.value().get("n").asInt()).isEqualTo(25);
            assertThat(reader.state(stream, StateQuery.atVersion(15)).snapshotVersion()).isEqualTo(10);
        }
        // another fold finds none of those snapshots
        Fold counting = new Fold() {
            @Override
            public String identity() {
                return "counting-v1";
            }

            @Override
            public JsonNode apply(JsonNode state, JsonNode data, StoredEvent event) {
                return com.fasterxml.jackson.databind.node.IntNode.valueOf(state.isNull() ? 1 : state.asInt() + 1);
            }
        };
        try (StateReader reader = new StateReader(store, counting, Upcasters.NONE, 0)) {
            State state = reader.state(stream, StateQuery.latest());
            assertThat(state.snapshotVersion()).isZero();
            assertThat(state.value().asInt()).isEqualTo(25);
        }
    }

    @Test
    void upcastersConvertOlderRevisionsWhenRead() {
        String stream = unique("up");
        JdbcEventStore store = store();
        store.append(stream, ExpectedVersion.ANY, List.of(new NewEvent(UUID.randomUUID().toString(), "order.placed", 1,
                "{\"amount\":5}".getBytes(StandardCharsets.UTF_8), Map.of(), null)));
        store.append(stream, ExpectedVersion.ANY, List.of(new NewEvent(UUID.randomUUID().toString(), "order.placed", 2,
                "{\"total\":{\"value\":7}}".getBytes(StandardCharsets.UTF_8), Map.of(), null)));
        Upcasters upcasters = new Upcasters(List.of(
                Upcaster.jsonata("order.placed", 1, "{\"total\": {\"value\": amount}}"),
                Upcaster.jsonata("order.placed", 2, "{\"total\": total.value, \"currency\": \"EUR\"}")));
        try (StateReader reader = new StateReader(store, new JsonataFold(
                "{\"sum\": ($exists($state.sum) ? $state.sum : 0) + total, \"currency\": currency}"), upcasters, 0)) {
            assertThat(reader.state(stream, StateQuery.latest()).value().toString())
                    .isEqualTo("{\"sum\":12,\"currency\":\"EUR\"}");
        }
        assertThatThrownBy(() -> new Upcasters(List.of(Upcaster.jsonata("t", 1, "a"), Upcaster.jsonata("t", 1, "b"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOutboxPublishesWhatIsAppendedWhileItRuns() throws Exception {
        String cursor = unique("live-outbox");
        String stream = unique("live");
        List<StoredEvent> published = new CopyOnWriteArrayList<>();
        try (Outbox outbox = new Outbox(store(), cursor, 50, Duration.ofMillis(20), published::add)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Outbox.cursor(store(), cursor) == store().headPosition());
            for (int i = 0; i < 5; i++) {
                (i % 2 == 0 ? store() : other()).append(stream, ExpectedVersion.ANY, List.of(event("{}")));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> published.stream()
                    .filter(e -> e.streamId().equals(stream)).count() == 5);
        }
    }

    @Test
    void theOutboxPublishesEveryEventOnceInOrderAndResumesFromItsCursor() throws Exception {
        String cursor = unique("outbox");
        JdbcEventStore store = store();
        List<StoredEvent> published = new CopyOnWriteArrayList<>();
        String stream = unique("out");
        long before = store.headPosition();
        for (int i = 0; i < 20; i++) {
            store.append(stream, ExpectedVersion.ANY, List.of(event("{\"i\":" + i + "}")));
        }
        try (Outbox outbox = new Outbox(store, cursor, 7, Duration.ofMillis(20), published::add)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> published.stream().filter(e -> e.streamId().equals(stream))
                    .count() == 20);
            await().atMost(Duration.ofSeconds(20)).until(() -> Outbox.cursor(store, cursor) == store.headPosition());
        }
        List<Long> positions = published.stream().map(StoredEvent::position).toList();
        assertThat(positions).containsExactlyElementsOf(java.util.stream.LongStream
                .rangeClosed(1, positions.size()).boxed().toList());
        assertThat(positions).contains(before + 1);
        // a publisher that fails midway: the batch is republished, nothing is skipped
        List<StoredEvent> second = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            store.append(stream, ExpectedVersion.ANY, List.of(event("{\"j\":" + i + "}")));
        }
        long head = store.headPosition();
        try (Outbox outbox = new Outbox(other(), cursor, 7, Duration.ofMillis(20), event -> {
            if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("channel away");
            }
            second.add(event);
        })) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Outbox.cursor(store, cursor) >= head);
        }
        assertThat(second.stream().map(StoredEvent::position).distinct().sorted().toList())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(positions.get(positions.size() - 1) + 1,
                        Outbox.cursor(store, cursor)).boxed().toList());
    }
}
