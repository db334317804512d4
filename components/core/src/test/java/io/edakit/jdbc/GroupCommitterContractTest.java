package io.edakit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the group committer promises, on each database it runs on (H2 file, PostgreSQL). */
abstract class GroupCommitterContractTest {

    /** The database under test; a fresh table per test is created on it. */
    protected abstract JdbcDatabase database();

    /** Committer threads, as the stores choose them for the database. */
    protected int committers() {
        return 1;
    }

    private String table;
    private GroupCommitter committer;

    @BeforeEach
    void createTable() throws SQLException {
        table = "gc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = database().dataSource().getConnection()) {
            JdbcDatabase.update(connection, "CREATE TABLE " + table + " (id VARCHAR(100) PRIMARY KEY, writer INT NOT NULL)");
        }
        committer = new GroupCommitter("test", database().dataSource(), committers(), 50, Duration.ofMillis(1));
    }

    @AfterEach
    void closeCommitter() {
        committer.close();
    }

    @Test
    void concurrentWritersEachGetTheirOwnResultAndShareCommits() throws Exception {
        int writers = 16;
        int each = 100;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                answers.add(threads.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        String id = writer + "-" + i;
                        // each write answers what it read back on the batch's connection: its own row
                        mine.add(committer.commit(connection -> {
                            JdbcDatabase.update(connection, "INSERT INTO " + table + " (id, writer) VALUES (?, ?)", id, writer);
                            return readWriter(connection, id) + ":" + id;
                        }));
                    }
                    return mine;
                }));
            }
            for (int w = 0; w < writers; w++) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    expected.add(w + ":" + w + "-" + i);
                }
                assertThat(answers.get(w).get(60, TimeUnit.SECONDS)).containsExactlyElementsOf(expected);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(count()).isEqualTo(writers * each);
        GroupCommitter.Counts counts = committer.counts();
        assertThat(counts.writes()).isEqualTo(writers * each);
        assertThat(counts.transactions()).as("writes shared commits").isLessThan(counts.writes());
    }

    @Test
    void aFailingWriteFailsOnlyItsCallerAndItsPartialWorkIsUndone() throws Exception {
        CompletableFuture<Integer> first;
        CompletableFuture<Integer> clash;
        CompletableFuture<Integer> third;
        try (HeldCommitter held = HeldCommitter.hold(committer)) {
            first = committer.submit(connection -> insert(connection, "a", 1));
            clash = committer.submit(connection -> {
                insert(connection, "partial", 2); // written, then undone with the failure
                return insert(connection, "a", 2); // a plain insert of a key the batch holds: fails
            });
            third = committer.submit(connection -> insert(connection, "c", 3));
            held.awaitQueued(3);
        }
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> clash.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(SqlDialect.isDuplicateKey((SQLException) e)).isTrue());
        assertThat(ids()).containsExactlyInAnyOrder("a", "c");
        assertThat(readWriterCommitted("a")).isEqualTo(1);
    }

    @Test
    void aBatchTheDatabaseRolledBackForADeadlockStartsOverAndEveryWriteCommits() throws Exception {
        java.util.concurrent.atomic.AtomicInteger tries = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<Integer> first;
        CompletableFuture<Integer> chosen;
        try (HeldCommitter held = HeldCommitter.hold(committer)) {
            first = committer.submit(connection -> insert(connection, "d1", 1));
            chosen = committer.submit(connection -> {
                int written = insert(connection, "d2", 2);
                if (tries.incrementAndGet() == 1) { // what PostgreSQL says to the transaction it undoes
                    throw new SQLException("deadlock detected", "40P01");
                }
                return written;
            });
            held.awaitQueued(2);
        }
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(chosen.get(10, TimeUnit.SECONDS)).as("not the write's own failure").isEqualTo(1);
        assertThat(tries).hasValue(2);
        assertThat(ids()).containsExactlyInAnyOrder("d1", "d2");
    }

    @Test
    void aLoneFailingWriteIsRolledBackAndReported() throws Exception {
        committer.commit(connection -> insert(connection, "x", 1));
        assertThatThrownBy(() -> committer.commit(connection -> {
            insert(connection, "y", 2);
            return insert(connection, "x", 2);
        })).isInstanceOf(SQLException.class);
        assertThat(ids()).containsExactly("x");
    }

    @Test
    void laterWritesOfOneBatchSeeEarlierOnesInSubmissionOrder() throws Exception {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        try (HeldCommitter held = HeldCommitter.hold(committer)) {
            for (int i = 0; i < 10; i++) {
                answers.add(committer.submit(connection -> {
                    insert(connection, "row-" + UUID.randomUUID(), 1);
                    return countOn(connection);
                }));
            }
            held.awaitQueued(10);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(answers.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1);
        }
    }

    @Test
    void aLoneWriterDoesNotWaitForTheDelay() throws Exception {
        try (GroupCommitter patient = new GroupCommitter("patient", database().dataSource(), 50, Duration.ofSeconds(20))) {
            // the committer is idle: the write is committed at once, not after 20 seconds
            CompletableFuture<Integer> write = patient.submit(connection -> insert(connection, "alone", 1));
            assertThat(write.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void closingCommitsWhatIsQueuedThenRefuses() throws Exception {
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        HeldCommitter held = HeldCommitter.hold(committer);
        for (int i = 0; i < 5; i++) {
            String id = "q" + i;
            queued.add(committer.submit(connection -> insert(connection, id, 1)));
        }
        held.awaitQueued(5);
        Thread closer = new Thread(committer::close);
        closer.start();
        held.close();
        closer.join(10_000);
        for (CompletableFuture<Integer> write : queued) {
            assertThat(write.get(1, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(count()).isEqualTo(5);
        assertThatThrownBy(() -> committer.submit(connection -> 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private int insert(Connection connection, String id, int writer) throws SQLException {
        return JdbcDatabase.update(connection, "INSERT INTO " + table + " (id, writer) VALUES (?, ?)", id, writer);
    }

    private int readWriter(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = JdbcDatabase.prepare(connection, "SELECT writer FROM " + table + " WHERE id = ?", id);
             ResultSet row = query.executeQuery()) {
            return row.next() ? row.getInt(1) : -1;
        }
    }

    private int readWriterCommitted(String id) throws SQLException {
        try (Connection connection = database().dataSource().getConnection()) {
            return readWriter(connection, id);
        }
    }

    private int countOn(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private int count() throws SQLException {
        try (Connection connection = database().dataSource().getConnection()) {
            return countOn(connection);
        }
    }

    private List<String> ids() throws SQLException {
        DataSource source = database().dataSource();
        try (Connection connection = source.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT id FROM " + table);
             ResultSet rows = query.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }
}
