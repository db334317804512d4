package io.edakit.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.edakit.idempotency.MemoryIdempotencyStore;

/**
 * The idempotent consumer: the {@code idempotent-consumer} template (every message claimed and
 * confirmed in the store under test) against the {@code point-to-point} template without
 * de-duplication, same broker, same sender. Every message is unique here (keyed by exchange id),
 * so both sides handle all of them and the ratio is the price of the store.
 */
final class IdempotentConsumerScenario {

    static final String MEMORY = "memory";
    static final String JDBC = "jdbc";
    private static final int MILLION = 1_000_000;

    private IdempotentConsumerScenario() {
    }

    static String describeTemplate(BenchOptions options) {
        return "template: idempotent-consumer template, " + (MEMORY.equals(options.store()) ? "memory store"
                : "JDBC store on " + (BenchDatabase.POSTGRES.equals(options.store())
                ? "an embedded PostgreSQL, started by the bench" : "an H2 file database in the run's temporary directory")
                + ", its writes group-committed; then raw JDBC inserts on the same database (1 and " + JdbcBaseline.BATCH
                + " rows per commit)")
                + ", key = exchange id (every message new); baseline: point-to-point template without "
                + "de-duplication; both concurrent-consumers=" + options.consumers() + ", handler direct: -> counter";
    }

    /** Settings of the template side: the JDBC store on {@code database}. */
    static Map<String, String> storeSettings(BenchDatabase database) {
        return Map.of("edakit.idempotency.store", JDBC, "edakit.idempotency.jdbc-url", database.url(),
                "edakit.idempotency.jdbc-user", database.user(), "edakit.idempotency.jdbc-password", database.password());
    }

    static PointToPointScenario.Setup setup(BenchOptions options) {
        return new PointToPointScenario.Setup() {
            @Override
            public PointToPointScenario.Side template(TemplateApp app, String channel) throws Exception {
                app.idempotentConsumer(channel, options.consumers());
                return new PointToPointScenario.Side("template", channel, app.handled(), 1);
            }

            @Override
            public Map.Entry<PointToPointScenario.Side, AutoCloseable> baseline(BenchTransport transport, TemplateApp app,
                                                                                 String channel) throws Exception {
                HandledCounter counter = new HandledCounter();
                app.pointToPoint(channel, options.consumers(), counter);
                return Map.entry(new PointToPointScenario.Side("baseline", channel, counter, 1), () -> { });
            }

            @Override
            public void report(TemplateApp app, int runIndex, PrintWriter out) {
                app.idempotencyCommits().ifPresent(commits -> out.printf(Locale.ROOT, "run %d store: %d writes in %d "
                        + "commits (mean batch %.1f, warmup included)%n", runIndex, commits.writes(),
                        commits.transactions(), commits.meanBatch()));
            }
        };
    }

    /** Heap used by one million keys in the memory store, in MB (measured after full collections). */
    static double heapOfAMillionKeysMb() {
        Runtime runtime = Runtime.getRuntime();
        MemoryIdempotencyStore store = new MemoryIdempotencyStore(MILLION);
        long before = usedAfterGc(runtime);
        Instant now = Instant.now();
        for (int i = 0; i < MILLION; i++) {
            // keys shaped like envelope ids (UUIDs), confirmed as after processing
            String key = String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", i, (long) i * 7919);
            store.claim(key, now, Duration.ofHours(1));
            store.confirm(key);
        }
        long after = usedAfterGc(runtime);
        store.close();
        return (after - before) / 1024.0 / 1024.0;
    }

    private static long usedAfterGc(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static Path temporaryDirectory() throws Exception {
        Path directory = Files.createTempDirectory("edakit-bench-idempotency");
        directory.toFile().deleteOnExit();
        return directory;
    }
}
