package io.edakit.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.edakit.eventstore.AppendResult;
import io.edakit.eventstore.ExpectedVersion;
import io.edakit.eventstore.Fold;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.eventstore.MergePatch;
import io.edakit.eventstore.NewEvent;
import io.edakit.eventstore.StateQuery;
import io.edakit.eventstore.StateReader;
import io.edakit.eventstore.StoredEvent;
import io.edakit.eventstore.Upcasters;

/**
 * {@code bench event-store}: appends per second through the event store's Java API (one event per
 * append, each writer on streams of its own with the expected version, so every append runs the
 * version check, the duplicate check and the sequencer) at 1, 8 and 64 writers, beside raw JDBC on
 * the same database in the same run ({@link JdbcBaseline} with the same rows, {@link EventRows}: one
 * row per commit, the floor, and {@value JdbcBaseline#BATCH} rows per commit in a JDBC batch, the
 * ceiling; and the small rows of the other benches' baselines, which have no secondary index, for
 * comparison with them); then the state of one
 * long stream at random recorded times, from snapshots every {@value #SNAPSHOT_EVERY} events (p99),
 * against a full replay of the same prefix (median).
 */
final class EventStoreScenario {

    static final List<Integer> WRITERS = List.of(1, 8, 64);
    static final int SNAPSHOT_EVERY = 1_000;
    static final int STREAMS_PER_WRITER = 16;
    static final String EVENT_TYPE = "order.changed";
    private static final int STATE_QUERIES = 300;
    private static final int REPLAYS = 5;
    /** Without --state-events the long stream holds this many times --messages events (200,000 by default). */
    static final int STATE_STREAM_FACTOR = 10;
    /** Events per append while the long stream is written (its recorded times step once per append). */
    private static final int LONG_STREAM_APPEND = 500;

    /** Each event's data. */
    private static final byte[] DATA = ("{\"status\":\"placed\",\"amount\":42,\"note\":\"" + "x".repeat(60) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    /** What one writer count measured. */
    record Appends(int writers, double eventsPerSecond, JdbcBaseline.Rates raw, JdbcBaseline.Rates small,
                   double meanBatch, double cpuMicros) {
        double ratio() {
            return eventsPerSecond / raw.batched();
        }
    }

    /** The state measurements on the long stream. */
    record States(int events, double p99Millis, double p50Millis, double fullReplayMillis) {
    }

    private EventStoreScenario() {
    }

    static String run(BenchOptions options, BenchDatabase database, PrintWriter out) throws Exception {
        List<Appends> appends = new ArrayList<>();
        States states;
        try (JdbcEventStore store = JdbcEventStore.open(database.url(), database.user(), database.password(), 4,
                Clock.systemUTC())) {
            append(store, 8, Math.min(options.warmup(), 2_000), "warmup"); // JIT, pool, tables
            for (int writers : WRITERS) {
                var before = store.counts();
                long cpuBefore = Slices.processCpuNanos();
                long nanos = append(store, writers, options.messages(), "w" + writers);
                // the whole process: writers, the committer, the database (H2 in process; PostgreSQL's
                // own processes are not counted)
                double cpuMicros = (Slices.processCpuNanos() - cpuBefore) / 1e3 / options.messages();
                double rate = Stats.rate(options.messages(), nanos);
                double batch = store.counts().since(before).meanBatch();
                JdbcBaseline.Rates raw = JdbcBaseline.measure(database, writers, options.messages(), new EventRows(DATA));
                JdbcBaseline.Rates small = JdbcBaseline.measure(database, writers, options.messages());
                Appends measured = new Appends(writers, rate, raw, small, batch, cpuMicros);
                appends.add(measured);
                out.printf(Locale.ROOT, "%2d writers: %.0f events/s (%.1f appends per commit, %.0f us CPU per append); "
                        + "the same rows in an events-shaped table, %s; ratio to the batch ceiling %.2f; small rows (a key and "
                        + "100 bytes), %s%n", writers, rate, batch, cpuMicros, raw.describe(), measured.ratio(), small.describe());
                out.flush();
            }
            states = states(store, stateEvents(options), out);
        }
        StringBuilder lines = new StringBuilder();
        for (Appends a : appends) {
            if (lines.length() > 0) {
                lines.append('\n');
            }
            lines.append(String.format(Locale.ROOT, "RESULT event-store %s writers=%d events_per_s=%.0f "
                            + "raw_batch_per_s=%.0f ratio=%.3f state_at_p99_ms=%.2f full_replay_ms=%.1f "
                            + "raw_one_per_commit_per_s=%.0f mean_batch=%.1f state_stream_events=%d "
                            + "state_at_p50_ms=%.2f cpu_us_per_append=%.0f raw_small_row_batch_per_s=%.0f",
                    database.kind(), a.writers(), a.eventsPerSecond(), a.raw().batched(), a.ratio(), states.p99Millis(),
                    states.fullReplayMillis(), a.raw().onePerCommit(), a.meanBatch(), states.events(),
                    states.p50Millis(), a.cpuMicros(), a.small().batched()));
        }
        return lines.toString();
    }

    /** The events of the long stream: --state-events, or 10 x --messages. */
    static int stateEvents(BenchOptions options) {
        return options.stateEvents() > 0 ? options.stateEvents() : options.messages() * STATE_STREAM_FACTOR;
    }

    /** {@code events} appends of one event from {@code writers} threads; the nanoseconds they took. */
    private static long append(JdbcEventStore store, int writers, int events, String run) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        String prefix = UUID.randomUUID().toString().substring(0, 8) + "-" + run;
        try {
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                int share = events / writers + (w < events % writers ? 1 : 0);
                done.add(pool.submit(() -> {
                    long[] versions = new long[STREAMS_PER_WRITER];
                    for (int i = 0; i < share; i++) {
                        int s = i % STREAMS_PER_WRITER;
                        AppendResult result = store.append(prefix + "-" + writer + "-" + s,
                                ExpectedVersion.exactly(versions[s]), List.of(NewEvent.of(UUID.randomUUID().toString(),
                                        EVENT_TYPE, DATA)));
                        if (!(result instanceof AppendResult.Appended)) {
                            throw new IllegalStateException("unexpected conflict: " + result);
                        }
                        versions[s] = result.currentVersion();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A stream of {@code events} events, its state at random recorded times from snapshots, and full replays. */
    private static States states(JdbcEventStore store, int events, PrintWriter out) throws Exception {
        String stream = "bench-long-" + UUID.randomUUID().toString().substring(0, 8);
        Random random = new Random(42);
        try (StateReader reader = new StateReader(store, MergePatch.FOLD, Upcasters.NONE, SNAPSHOT_EVERY);
             StateReader replay = new StateReader(store, unsnapshotted(), Upcasters.NONE, 0)) {
            long building = System.nanoTime();
            for (int written = 0; written < events; written += LONG_STREAM_APPEND) {
                int batch = Math.min(LONG_STREAM_APPEND, events - written);
                List<NewEvent> chunk = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    chunk.add(NewEvent.of(UUID.randomUUID().toString(), "order.changed", ("{\"k" + random.nextInt(50)
                            + "\":" + (written + i) + "}").getBytes(StandardCharsets.UTF_8)));
                }
                store.append(stream, ExpectedVersion.ANY, chunk);
            }
            reader.awaitSnapshots();
            out.printf(Locale.ROOT, "long stream of %d events written in %.0f s%n", events,
                    (System.nanoTime() - building) / 1e9);
            out.flush();
            List<StoredEvent> first = store.readStream(stream, 1, 1);
            Instant from = first.get(0).recordedAt();
            Instant to = store.stream(stream).orElseThrow().updatedAt();
            long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
            List<Double> millis = new ArrayList<>();
            for (int q = 0; q < STATE_QUERIES; q++) {
                Instant at = from.plusMillis((long) (random.nextDouble() * span));
                long start = System.nanoTime();
                reader.state(stream, StateQuery.at(at, StateQuery.TimeBasis.RECORDED));
                millis.add((System.nanoTime() - start) / 1e6);
            }
            List<Double> replays = new ArrayList<>();
            for (int r = 0; r < REPLAYS; r++) {
                Instant at = from.plusMillis((long) (random.nextDouble() * span));
                long start = System.nanoTime();
                replay.state(stream, StateQuery.at(at, StateQuery.TimeBasis.RECORDED));
                replays.add((System.nanoTime() - start) / 1e6);
            }
            millis.sort(null);
            States states = new States(events, millis.get((int) Math.ceil(millis.size() * 0.99) - 1),
                    millis.get(millis.size() / 2), Stats.median(replays));
            out.printf(Locale.ROOT, "state at a random time on a stream of %d events (snapshots every %d): p50 %.2f ms, "
                    + "p99 %.2f ms; full replay of the same prefix: %.1f ms (median of %d)%n", events, SNAPSHOT_EVERY,
                    states.p50Millis(), states.p99Millis(), states.fullReplayMillis(), REPLAYS);
            out.flush();
            return states;
        }
    }

    /** Merge patch under another identity: finds no snapshot, so every state is a full replay. */
    private static Fold unsnapshotted() {
        return new Fold() {
            @Override
            public String identity() {
                return "bench-full-replay";
            }

            @Override
            public JsonNode apply(JsonNode state, JsonNode data, StoredEvent event) {
                return MergePatch.FOLD.apply(state, data, event);
            }
        };
    }

    static BenchDatabase database(BenchOptions options, Path directory) throws Exception {
        return BenchDatabase.POSTGRES.equals(options.store()) ? BenchDatabase.postgres()
                : BenchDatabase.h2(directory, "events");
    }
}
