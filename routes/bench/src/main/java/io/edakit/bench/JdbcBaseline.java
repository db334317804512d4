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
import io.edakit.jdbc.SqlDialect;

/**
 * The storage's own limit, measured in the same run as the store on top of it: plain JDBC inserts
 * into a table of the same database, opened as the stores open it (an H2 file written at every
 * commit, PostgreSQL with its defaults), from {@code threads} threads; once with one row per commit
 * (what a store without group commit pays per write) and once with {@value #BATCH} rows per commit
 * in one JDBC batch (the most a group committer could hope for). The rows are {@link Rows#SMALL}
 * (a key and a 100-byte value) unless a scenario passes its own shape.
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

    /** What the baseline inserts: its table and its rows. */
    interface Rows {
        /** A key and a 100-byte value in a table of its own. */
        Rows SMALL = new Rows() {
            private final String value = "x".repeat(100);

            @Override
            public String ddl(SqlDialect dialect, String table) {
                return "CREATE TABLE " + table + " (id VARCHAR(100) NOT NULL PRIMARY KEY, payload VARCHAR(200) NOT NULL)";
            }

            @Override
            public String insert(String table) {
                return "INSERT INTO " + table + " (id, payload) VALUES (?, ?)";
            }

            @Override
            public Binder binder(String prefix, int thread) {
                return (insert, row) -> {
                    insert.setString(1, prefix + row);
                    insert.setString(2, value);
                };
            }
        };

        String ddl(SqlDialect dialect, String table);

        String insert(String table);

        /** Binds the rows one thread writes in one phase ({@code prefix} is the phase's, unique per measurement). */
        Binder binder(String prefix, int thread);
    }

    /** Sets an insert's parameters for row number {@code row} (unique within the phase). */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement insert, int row) throws SQLException;
    }

    static Rates measure(BenchDatabase where, int threads, int rows) throws Exception {
        return measure(where, threads, rows, Rows.SMALL);
    }

    static Rates measure(BenchDatabase where, int threads, int rows, Rows shape) throws Exception {
        String table = "bench_raw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (JdbcDatabase database = JdbcDatabase.open("the raw JDBC baseline", where.url(), where.user(),
                where.password(), threads + 1, dialect -> List.of(shape.ddl(dialect, table)))) {
            try {
                String insert = shape.insert(table);
                insert(database, insert, shape, threads, Math.min(rows, 2_000), 1, "warmup-1-");
                insert(database, insert, shape, threads, Math.min(rows, 2_000), BATCH, "warmup-b-");
                double one = Stats.rate(rows, insert(database, insert, shape, threads, rows, 1, "one-"));
                double batched = Stats.rate(rows, insert(database, insert, shape, threads, rows, BATCH, "batched-"));
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
    private static long insert(JdbcDatabase database, String sql, Rows shape, int threads, int rows, int perCommit,
                               String prefix) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Binder binder = shape.binder(prefix, t);
                workers.add(pool.submit(() -> {
                    try (Connection connection = database.dataSource().getConnection();
                         PreparedStatement insert = connection.prepareStatement(sql)) {
                        connection.setAutoCommit(perCommit == 1);
                        try {
                            for (int first = next.getAndAdd(perCommit); first < rows; first = next.getAndAdd(perCommit)) {
                                int last = Math.min(rows, first + perCommit);
                                for (int i = first; i < last; i++) {
                                    binder.bind(insert, i);
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
            throw e.getCause() instanceof SQLException failure ? failure : e;
        } finally {
            pool.shutdownNow();
        }
    }
}
