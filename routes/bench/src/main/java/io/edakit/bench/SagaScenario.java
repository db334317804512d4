package io.edakit.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.edakit.failure.Backoff;
import io.edakit.jdbc.GroupCommitter;
import io.edakit.saga.DefinitionPlan;
import io.edakit.saga.JdbcSagaLog;
import io.edakit.saga.SagaCalls;
import io.edakit.saga.SagaDefinition;
import io.edakit.saga.SagaEngine;
import io.edakit.saga.SagaHeaders;
import io.edakit.saga.SagaState;
import io.edakit.saga.SagaStep;
import io.edakit.saga.StepCaller;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The saga engine: sagas of three steps whose participants are in-process {@code direct:} routes
 * that only count, run by the engine on its saga log, against a baseline that makes the same three
 * calls per "saga" from as many threads, with no log. Reports sagas per second, the ratio, the
 * share of the workers' time spent in the saga log versus in the participant calls, and latency
 * from start to completion. Then the log's own database is measured with raw JDBC
 * ({@link JdbcBaseline}): the log's writes per second next to what the database does at one row
 * per commit and at many, and the log's mean batch (writes per group commit).
 */
final class SagaScenario {

    private static final String[] STEPS = {"reserve", "charge", "ship"};
    private static final String SAGA = "bench-order";

    /** One run's figures. */
    record Run(double sagaRate, double baselineRate, double logShare, double p50Millis, double p99Millis,
               double logWriteRate, double meanBatch, JdbcBaseline.Rates jdbc, double cpuMicrosPerSaga) {
        double ratio() {
            return baselineRate == 0 ? 0 : sagaRate / baselineRate;
        }
    }

    private SagaScenario() {
    }

    static String describeTemplate(BenchOptions options, String database) {
        return "template: saga engine, 3 steps (direct: participants that count), saga log on " + database + ", "
                + options.consumers() + " worker(s), sagas started from " + options.consumers() + " thread(s); "
                + "baseline: the same 3 calls per saga from " + options.consumers() + " thread(s), no log; then raw JDBC "
                + "inserts on the log's database from " + options.consumers() + " thread(s), 1 and "
                + JdbcBaseline.BATCH + " rows per commit";
    }

    /** The saga log's database of a run: {@code --set edakit.saga.jdbc-url} if given, else {@code shared} or an H2 file in {@code directory}. */
    static BenchDatabase database(BenchOptions options, Path directory, BenchDatabase shared) {
        String url = options.settings().get("edakit.saga.jdbc-url");
        if (url != null) {
            return BenchDatabase.external(url, options.settings().getOrDefault("edakit.saga.jdbc-user", "sa"),
                    options.settings().getOrDefault("edakit.saga.jdbc-password", ""));
        }
        return shared != null ? shared : BenchDatabase.h2(directory, "saga");
    }

    static Run run(BenchOptions options, BenchDatabase database, int runNumber, PrintWriter out) throws Exception {
        Map<String, LongAdder> calls = new ConcurrentHashMap<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(participants(calls));
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();
            JdbcSagaLog jdbcLog = JdbcSagaLog.open(database.url(), database.user(), database.password(),
                    options.consumers() + 2);
            TimedSagaLog log = new TimedSagaLog(jdbcLog);
            TimedCalls timedCalls = new TimedCalls(new StepCaller(camel, producer));
            Completions completions = new Completions();
            try (SagaEngine engine = new SagaEngine(log, timedCalls, "bench-" + runNumber, Duration.ofSeconds(30),
                    options.consumers(), Duration.ofSeconds(1), Clock.systemUTC())) {
                engine.register(SAGA, new DefinitionPlan(definition()), (saga, outcome) -> completions.done(saga.id(),
                        outcome));
                byte[] payload = Payload.of(options.size());
                runSagas(engine, completions, "warmup-" + runNumber + "-", options.warmup(), payload, options.consumers());
                log.reset();
                timedCalls.reset();
                GroupCommitter.Counts commitsBefore = jdbcLog.committer().counts();
                long cpuBefore = Slices.processCpuNanos();
                long started = System.nanoTime();
                List<Long> latencies = runSagas(engine, completions, "run-" + runNumber + "-", options.messages(), payload,
                        options.consumers());
                long sagaNanos = System.nanoTime() - started;
                double cpuMicrosPerSaga = (Slices.processCpuNanos() - cpuBefore) / 1e3 / options.messages();
                GroupCommitter.Counts commits = jdbcLog.committer().counts().since(commitsBefore);
                double logShare = (double) log.nanos() / (log.nanos() + timedCalls.nanos());
                long total = (long) options.warmup() + options.messages();
                out.printf(Locale.ROOT, "run %d saga:     %d sagas completed in %.2f s, %.0f sagas/s; participants "
                                + "called %s; workers' time: saga log %.0f %%, participant calls %.0f %%%n", runNumber,
                        options.messages(), sagaNanos / 1e9, Stats.rate(options.messages(), sagaNanos),
                        counts(calls), 100 * logShare, 100 * (1 - logShare));
                check(calls, total, "saga");
                double logWriteRate = Stats.rate(commits.writes(), sagaNanos);
                out.printf(Locale.ROOT, "run %d log:      %.1f writes per saga, %.0f writes/s in %.0f commits/s (mean batch "
                                + "%.1f); process CPU %.0f us per saga%n", runNumber,
                        (double) commits.writes() / options.messages(), logWriteRate,
                        Stats.rate(commits.transactions(), sagaNanos), commits.meanBatch(), cpuMicrosPerSaga);

                calls.clear();
                long baselineNanos = baseline(producer, options, payload);
                out.printf(Locale.ROOT, "run %d baseline: %d call sequences in %.2f s, %.0f /s; participants called %s%n",
                        runNumber, options.messages(), baselineNanos / 1e9, Stats.rate(options.messages(), baselineNanos),
                        counts(calls));
                check(calls, options.messages(), "baseline");
                out.flush();
                JdbcBaseline.Rates jdbc = JdbcBaseline.measure(database, options.consumers(), 3 * options.messages());
                out.printf(Locale.ROOT, "run %d %s; the saga log: %.0f writes/s (%.2fx the 1-row-per-commit rate)%n",
                        runNumber, jdbc.describe(), logWriteRate, logWriteRate / jdbc.onePerCommit());
                out.flush();
                return new Run(Stats.rate(options.messages(), sagaNanos), Stats.rate(options.messages(), baselineNanos),
                        logShare, percentile(latencies, 0.5), percentile(latencies, 0.99), logWriteRate,
                        commits.meanBatch(), jdbc, cpuMicrosPerSaga);
            } finally {
                log.close();
            }
        }
    }

    private static SagaDefinition definition() {
        List<SagaStep> steps = new ArrayList<>();
        for (String step : STEPS) {
            steps.add(new SagaStep(step, "direct:bench-" + step, "direct:bench-undo-" + step, Duration.ofSeconds(30), 0,
                    Duration.ZERO));
        }
        return new SagaDefinition(SAGA, steps, Duration.ofMinutes(30), 3, new Backoff(10, 2, 100, 0));
    }

    private static RouteBuilder participants(Map<String, LongAdder> calls) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String step : STEPS) {
                    from("direct:bench-" + step).process(exchange -> calls.computeIfAbsent(step, s -> new LongAdder())
                            .increment());
                    from("direct:bench-undo-" + step).process(exchange -> calls.computeIfAbsent("undo-" + step,
                            s -> new LongAdder()).increment());
                }
            }
        };
    }

    /**
     * Starts {@code count} sagas from {@code starters} threads (as many as the template's consumers
     * would be) and waits for all; answers each one's start-to-completion latency (ns).
     */
    private static List<Long> runSagas(SagaEngine engine, Completions completions, String prefix, int count,
                                       byte[] payload, int starters) throws Exception {
        CountDownLatch done = completions.expect(count);
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        AtomicLong next = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(starters);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < starters; t++) {
                running.add(threads.submit(() -> {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String sagaId = prefix + i;
                        startedAt.put(sagaId, System.nanoTime());
                        engine.start(SAGA, sagaId, payload, Map.of(), Duration.ofMinutes(30));
                    }
                    return null;
                }));
            }
            for (Future<?> starter : running) {
                starter.get();
            }
        } finally {
            threads.shutdown();
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("sagas did not complete within 10 minutes");
        }
        List<Long> latencies = new ArrayList<>();
        startedAt.forEach((sagaId, start) -> latencies.add(completions.endedAt(sagaId) - start));
        return latencies;
    }

    /** The same three calls per saga, straight from {@code consumers} threads, without a log. */
    private static long baseline(ProducerTemplate producer, BenchOptions options, byte[] payload) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(options.consumers());
        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < options.consumers(); t++) {
                workers.add(threads.submit(() -> {
                    for (long i = next.getAndIncrement(); i < options.messages(); i = next.getAndIncrement()) {
                        for (String step : STEPS) {
                            producer.sendBodyAndHeaders("direct:bench-" + step, payload,
                                    Map.of(SagaHeaders.SAGA_ID, "baseline-" + i, SagaHeaders.STEP_ID, step));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return System.nanoTime() - started;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void check(Map<String, LongAdder> calls, long expected, String side) {
        for (String step : STEPS) {
            long called = calls.getOrDefault(step, new LongAdder()).sum();
            if (called != expected) {
                throw new IllegalStateException(side + ": " + step + " called " + called + " times, expected " + expected);
            }
        }
    }

    private static String counts(Map<String, LongAdder> calls) {
        StringBuilder text = new StringBuilder();
        for (String step : STEPS) {
            text.append(text.length() == 0 ? "" : " ").append(step).append('=')
                    .append(calls.getOrDefault(step, new LongAdder()).sum());
        }
        return text.toString();
    }

    private static double percentile(List<Long> nanos, double fraction) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(Long::compare);
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(fraction * sorted.size()))) / 1e6;
    }

    /** Records when each saga ended; every one must end completed. */
    private static final class Completions {
        private final Map<String, Long> endedAt = new ConcurrentHashMap<>();
        private volatile CountDownLatch latch = new CountDownLatch(0);

        CountDownLatch expect(int count) {
            latch = new CountDownLatch(count);
            return latch;
        }

        void done(String sagaId, SagaState outcome) {
            if (outcome != SagaState.COMPLETED) {
                throw new IllegalStateException("saga " + sagaId + " ended " + outcome.label());
            }
            if (endedAt.putIfAbsent(sagaId, System.nanoTime()) == null) {
                latch.countDown();
            }
        }

        long endedAt(String sagaId) {
            return endedAt.get(sagaId);
        }
    }

    /** Adds up the time spent in participant calls. */
    private static final class TimedCalls implements SagaCalls {
        private final SagaCalls calls;
        private final LongAdder nanos = new LongAdder();

        TimedCalls(SagaCalls calls) {
            this.calls = calls;
        }

        @Override
        public java.util.Optional<String> call(io.edakit.saga.SagaRecord saga, io.edakit.saga.PlannedCall call,
                                               String phase, int attempt, Duration timeout) {
            long started = System.nanoTime();
            try {
                return calls.call(saga, call, phase, attempt, timeout);
            } finally {
                nanos.add(System.nanoTime() - started);
            }
        }

        @Override
        public boolean unavailable() {
            return calls.unavailable();
        }

        long nanos() {
            return nanos.sum();
        }

        void reset() {
            nanos.reset();
        }
    }
}
