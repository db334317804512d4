package io.edakit.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.jdbc.JdbcDatabase;

/**
 * The storage's own limit, measured in the same run as the store on top of it: plain JDBC inserts
 * of one small row (a key and a 100-byte value) into a table of the same database, opened as the
 * stores open it (an H2 file written at every commit, PostgreSQL with its defaults), from
 * {@code threads} threads; once with one row per commit (what a store without group commit pays
 * per write) and once with {@value #BATCH} rows per commit in one JDBC batch (the most a group
 * committer could hope for).
 */
final class JdbcBaseline {

    static final int BATCH = 50;

    /** Rows per second with one row per commit and with {@value #BATCH} rows per commit. */
    record Rates(double onePerCommit, double batched) {
        String describe() {
            return String.format(Locale.ROOT, "raw JDBC: %.0f rows/s at 1 row per commit, %.0f rows/s at %d rows per "
                    + "commit", onePerCommit, batched, BATCH);
        }
    }

    private JdbcBaseline() {
    }

    static Rates measure(BenchDatabase where, int threads, int rows) throws Exception {
        String table = "bench_raw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (JdbcDatabase database = JdbcDatabase.open("the raw JDBC baseline", where.url(), where.user(),
                where.password(), threads + 1, dialect -> List.of("CREATE TABLE " + table
                        + " (id VARCHAR(100) NOT NULL PRIMARY KEY, payload VARCHAR(200) NOT NULL)"))) {
            try {
                insert(database, table, threads, Math.min(rows, 2_000), 1, "warmup-1-");
                insert(database, table, threads, Math.min(rows, 2_000), BATCH, "warmup-b-");
                double one = Stats.rate(rows, insert(database, table, threads, rows, 1, "one-"));
                double batched = Stats.rate(rows, insert(database, table, threads, rows, BATCH, "batched-"));
                return new Rates(one, batched);
            } finally {
                try (Connection connection = database.dataSource().getConnection();
                     Statement drop = connection.createStatement()) {
                    drop.execute("DROP TABLE " + table);
                }
            }
        }
    }

    /** Inserts {@code rows} rows from {@code threads} threads, {@code perCommit} per commit; answers the nanoseconds. */
    private static long insert(JdbcDatabase database, String table, int threads, int rows, int perCommit, String prefix)
            throws Exception {
        String value = "x".repeat(100);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    try (Connection connection = database.dataSource().getConnection();
                         PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                                 + " (id, payload) VALUES (?, ?)")) {
                        connection.setAutoCommit(perCommit == 1);
                        try {
                            for (int first = next.getAndAdd(perCommit); first < rows; first = next.getAndAdd(perCommit)) {
                                int last = Math.min(rows, first + perCommit);
                                for (int i = first; i < last; i++) {
                                    insert.setString(1, prefix + i);
                                    insert.setString(2, value);
                                    if (perCommit == 1) {
                                        insert.executeUpdate();
                                    } else {
                                        insert.addBatch();
                                    }
                                }
                                if (perCommit > 1) {
                                    insert.executeBatch();
                                    connection.commit();
                                }
                            }
                        } finally {
                            connection.setAutoCommit(true);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return System.nanoTime() - started;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : e;
        } finally {
            pool.shutdownNow();
        }
    }
}
