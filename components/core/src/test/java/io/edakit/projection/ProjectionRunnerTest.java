package io.edakit.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.edakit.eventstore.ExpectedVersion;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.eventstore.NewEvent;
import io.edakit.eventstore.StoredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A projection on H2 with writers appending while it runs: each matching event handed once, in
 * position order; a reset by time hands exactly the events recorded after T again, with the replay
 * marker; a handler that stops the projection leaves the checkpoint before the event that failed.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ProjectionRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ProjectionRunner.Options OPTIONS = new ProjectionRunner.Options(50, Duration.ofMillis(100),
            Duration.ofSeconds(2));

    private JdbcEventStore events;
    private ProjectionStore projections;
    private final List<AutoCloseable> closing = new ArrayList<>();

    /** What a handler saw: the position and whether it was a replay. */
    record Seen(long position, boolean replay) {
    }

    @BeforeEach
    void open() throws Exception {
        Path directory = Files.createTempDirectory("edakit-projection-");
        String url = "jdbc:h2:file:" + directory.resolve("events").toAbsolutePath();
        events = JdbcEventStore.open(url, "sa", "", 8, Clock.systemUTC());
        projections = ProjectionStore.open(url, "sa", "", 3, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing) {
            resource.close();
        }
        projections.close();
        events.close();
    }

    private ProjectionRunner run(String name, java.util.function.Predicate<StoredEvent> filter,
                                 ProjectionRunner.Handler handler) {
        ProjectionRunner runner = new ProjectionRunner(events, projections, name, "test", filter, handler, OPTIONS,
                () -> true);
        closing.add(runner);
        return runner;
    }

    private static NewEvent event(String type, int i) {
        return NewEvent.of(UUID.randomUUID().toString(), type, ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLiveProjectionSeesEachMatchingEventOnceInOrderWhileWritersAppend() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        ProjectionRunner runner = run("totals", event -> event.type().equals("order.placed"), (event, replay) -> {
            seen.add(event.position());
            return ProjectionRunner.Result.DONE;
        });
        int writers = 6;
        int appends = 60;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String stream = "order-" + UUID.randomUUID();
            done.add(pool.submit(() -> {
                for (int i = 0; i < appends; i++) {
                    events.append(stream, ExpectedVersion.ANY, List.of(event(i % 3 == 0 ? "order.noted" : "order.placed", i),
                            event("order.placed", i)));
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long head = events.headPosition();
        assertThat(head).isEqualTo(writers * appends * 2L);
        List<Long> matching = events.readAll(0, (int) head).stream().filter(e -> e.type().equals("order.placed"))
                .map(StoredEvent::position).toList();
        await().atMost(WAIT).until(() -> runner.position() == head);
        assertThat(seen).as("each matching event once, in position order").containsExactlyElementsOf(matching);
        assertThat(matching).hasSize(writers * appends * 2 - writers * (appends / 3));
        await().atMost(WAIT).until(() -> projections.find("totals").orElseThrow().position() == head);
        ProjectionState state = projections.find("totals").orElseThrow();
        assertThat(state.status(Instant.now())).isEqualTo("running");
        assertThat(state.liveOwner(Instant.now())).startsWith("test#");
    }

    @Test
    void aResetByTimeReplaysExactlyTheEventsRecordedAfterItWithTheMarker() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        ProjectionRunner runner = run("by-time", event -> true, (event, replay) -> {
            seen.add(new Seen(event.position(), replay));
            return ProjectionRunner.Result.DONE;
        });
        String stream = "order-" + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            events.append(stream, ExpectedVersion.ANY, List.of(event("order.placed", i)));
        }
        Instant t = events.readAll(events.headPosition() - 1, 1).get(0).recordedAt();
        await().atMost(WAIT).until(() -> Instant.now().isAfter(t.plusMillis(2)));
        for (int i = 20; i < 50; i++) {
            events.append(stream, ExpectedVersion.ANY, List.of(event("order.placed", i)));
        }
        long head = events.headPosition();
        await().atMost(WAIT).until(() -> projections.find("by-time").orElseThrow().position() == head);
        assertThat(seen).hasSize(50).noneMatch(Seen::replay);

        long at = ResetTarget.parse("time:" + t).position(events);
        assertThat(at).as("the last position recorded by T").isEqualTo(head - 30);
        assertThat(ResetTarget.parse("time:2000-01-01T00:00:00Z").position(events)).as("before every event").isZero();
        assertThat(ResetTarget.parse("time:" + Instant.now().plusSeconds(3600)).position(events)).isEqualTo(head);
        assertThat(ResetTarget.parse("beginning").position(events)).isZero();
        assertThat(ResetTarget.parse("position:7").position(events)).isEqualTo(7);
        seen.clear();
        assertThat(projections.reset("by-time", at)).isTrue();
        await().atMost(WAIT).until(() -> seen.size() == 30 && runner.position() == head);
        assertThat(seen).extracting(Seen::position).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(head - 29, head).boxed().toList());
        assertThat(seen).allMatch(Seen::replay);

        // events appended after the reset are new to the projection: no marker
        events.append(stream, ExpectedVersion.ANY, List.of(event("order.placed", 50)));
        await().atMost(WAIT).until(() -> seen.size() == 31);
        assertThat(seen.get(30)).isEqualTo(new Seen(head + 1, false));
        assertThat(projections.reset("unknown", 0)).isFalse();
        assertThatThrownBy(() -> ResetTarget.parse("yesterday")).hasMessageContaining("beginning, position:N or time:T");
        assertThatThrownBy(() -> ResetTarget.parse("position:" + (head + 5)).position(events))
                .hasMessageContaining("past the store's head");
    }

    @Test
    void aHandlerThatStopsTheProjectionLeavesTheCheckpointBeforeTheFailedEvent() {
        List<Long> seen = new CopyOnWriteArrayList<>();
        boolean[] broken = {true};
        ProjectionRunner runner = run("stopping", event -> true, (event, replay) -> {
            if (broken[0] && new String(event.data(), StandardCharsets.UTF_8).equals("{\"i\":3}")) {
                return ProjectionRunner.Result.stop("no price for it");
            }
            seen.add(event.position());
            return ProjectionRunner.Result.DONE;
        });
        String stream = "order-" + UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            events.append(stream, ExpectedVersion.ANY, List.of(event("order.placed", i)));
        }
        await().atMost(WAIT).until(() -> projections.find("stopping").orElseThrow().stopped());
        ProjectionState stopped = projections.find("stopping").orElseThrow();
        assertThat(stopped.position()).isEqualTo(3);
        assertThat(stopped.error()).contains("stopped at position 4").contains("no price for it");
        assertThat(stopped.status(Instant.now())).isEqualTo("stopped");
        assertThat(seen).containsExactly(1L, 2L, 3L);
        assertThat(runner.owns()).isFalse();

        broken[0] = false;
        assertThat(projections.reset("stopping", stopped.position())).isTrue();
        await().atMost(WAIT).until(() -> seen.size() == 6);
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(projections.find("stopping").orElseThrow().error()).isNull();
    }
}
