package io.edakit.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.edakit.eventstore.ExpectedVersion;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.eventstore.NewEvent;
import io.edakit.testing.ChildJvms;
import io.edakit.testing.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two instances of one projection on PostgreSQL, one a child JVM: only the owner hands events; the
 * child is killed mid-stream while writers append, and the other instance takes over once its
 * lease lapsed, from the child's last checkpoint. Every event is handed at least once, the
 * repeats are at most one batch, and the idempotent read model has each event exactly once.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PostgresProjectionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void onlyTheOwnerRunsAndAnotherInstanceTakesOverFromTheCheckpointWhenItIsKilled() throws Exception {
        Path directory = Files.createTempDirectory("edakit-projection-pg-");
        String url = SharedPostgres.newDatabase();
        try (JdbcEventStore events = JdbcEventStore.open(url, "postgres", "", 4, Clock.systemUTC());
             ProjectionStore projections = ProjectionStore.open(url, "postgres", "", 2, Clock.systemUTC());
             Connection sql = DriverManager.getConnection(url, "postgres", "")) {
            RecordingHandler.createTables(sql);
            appendMany(events, 200);

            Process child = new ProcessBuilder(ChildJvms.command(ProjectionChild.class, url, "postgres", ""))
                    .redirectError(directory.resolve("child.err").toFile()).start();
            AtomicBoolean owner = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        owner.compareAndSet(false, line.equals("owner"));
                    }
                } catch (java.io.IOException e) {
                    // killed
                }
            });
            reader.start();
            ProjectionRunner second = null;
            ExecutorService writers = Executors.newFixedThreadPool(3);
            try {
                await().atMost(WAIT).untilTrue(owner);
                second = new ProjectionRunner(events, projections, ProjectionChild.NAME, "parent", event -> true,
                        new RecordingHandler(url, "postgres", "", "parent"), ProjectionChild.OPTIONS, () -> true);
                List<Future<?>> appending = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    appending.add(writers.submit(() -> appendMany(events, 200)));
                }
                await().atMost(WAIT).until(() -> count(sql, "SELECT COUNT(*) FROM proj_deliveries WHERE instance = "
                        + "'child'") >= 300);
                // the child still holds the projection: the other instance has handed nothing
                assertThat(second.owns()).isFalse();
                assertThat(count(sql, "SELECT COUNT(*) FROM proj_deliveries WHERE instance = 'parent'")).isZero();
                assertThat(projections.find(ProjectionChild.NAME).orElseThrow().liveOwner(Instant.now()))
                        .startsWith("child#");
                child.destroyForcibly();
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
                Instant killed = Instant.now();
                long checkpointAtKill = projections.find(ProjectionChild.NAME).orElseThrow().position();
                ProjectionRunner taking = second;
                await().atMost(WAIT).until(taking::owns);
                assertThat(Duration.between(killed, Instant.now())).as("taken over within a lease and a poll or two")
                        .isLessThan(ProjectionChild.OPTIONS.lease().multipliedBy(3));
                for (Future<?> writer : appending) {
                    writer.get(2, TimeUnit.MINUTES);
                }
                long head = events.headPosition();
                assertThat(head).isEqualTo(800);
                await().atMost(WAIT).until(() -> projections.find(ProjectionChild.NAME).orElseThrow().position() == head);

                long deliveries = count(sql, "SELECT COUNT(*) FROM proj_deliveries");
                long distinct = count(sql, "SELECT COUNT(DISTINCT position) FROM proj_deliveries");
                long firstOfParent = count(sql, "SELECT MIN(position) FROM proj_deliveries WHERE instance = 'parent'");
                assertThat(distinct).as("every event handed at least once").isEqualTo(head);
                assertThat(count(sql, "SELECT COUNT(*) FROM proj_seen")).as("exactly once behind the idempotent "
                        + "read model").isEqualTo(head);
                assertThat(firstOfParent).as("the takeover starts at the dead owner's checkpoint")
                        .isEqualTo(checkpointAtKill + 1);
                assertThat(deliveries - head).as("repeated: what the child handed after its last checkpoint, "
                        + "one batch at most").isBetween(0L, (long) ProjectionChild.OPTIONS.batch());
                assertThat(count(sql, "SELECT COUNT(*) FROM proj_deliveries a JOIN proj_deliveries b ON "
                        + "a.instance = b.instance AND a.seq < b.seq AND a.position >= b.position"))
                        .as("each instance hands in position order").isZero();
                System.out.printf("projection takeover: %d events, %d deliveries (%d repeated), checkpoint at kill %d%n",
                        head, deliveries, deliveries - head, checkpointAtKill);
            } finally {
                child.destroyForcibly();
                writers.shutdownNow();
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    private static Void appendMany(JdbcEventStore events, int n) {
        String stream = "order-" + UUID.randomUUID();
        for (int i = 0; i < n; i++) {
            events.append(stream, ExpectedVersion.ANY, List.of(NewEvent.of(UUID.randomUUID().toString(), "order.placed",
                    ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8))));
        }
        return null;
    }

    private static long count(Connection sql, String query) throws SQLException {
        try (Statement statement = sql.createStatement(); ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
