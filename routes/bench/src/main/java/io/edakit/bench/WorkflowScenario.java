package io.edakit.bench;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edakit.jdbc.GroupCommitter;
import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.camel.CamelTaskInvoker;
import io.edakit.workflow.durable.WorkflowRecord;
import io.edakit.workflow.durable.WorkflowRunner;
import io.edakit.workflow.durable.WorkflowStatus;
import io.edakit.workflow.durable.WorkflowStore;
import io.edakit.workflow.engine.Interpreter;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The durable workflow runner: a 13-state flow (Pass and Choice states around three no-op
 * {@code direct:} tasks; 12 states run per execution) on the workflow store, against the same three
 * calls made directly from as many threads and against raw one-row JDBC commits on the store's
 * database, in one run. Then 10,000 executions that each wait 1 s: the timer lag (when the Wait's
 * timer was handled against when it was due) as p99.
 *
 * <p>The runner is measured as the broker scenarios are ({@link Slices}): warm-up rounds until its
 * rate moves less than {@code --steady} percent from one round to the next (a cold JVM ran the
 * first run at half the pace of the next two), then {@code --slices} measured slices of about
 * {@code --slice-seconds} each; the spread of the runs (of the slices, with one run) says whether
 * the median is a finding. The baseline then makes as many call sequences as the slices ran
 * executions.
 */
final class WorkflowScenario {

    static final int TASKS = 3;
    static final int STATES_RUN = 12;
    static final int TIMED_EXECUTIONS = 10_000;
    /**
     * The first warm-up round's executions by default: rounds are compared at the same size only, so
     * this is the least warm-up. 200 let a cold JVM pass for steady at a third of its later pace
     * (111 and 117 /s, then runs 2 and 3 at 661 and 1,085 /s at half and a third the CPU per execution).
     */
    static final int WARMUP = 2_000;
    private static final int STARTERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String FLOW = """
            {"Comment": "bench: 13 states, 3 of them no-op direct: tasks", "StartAt": "Init", "States": {
              "Init": {"Type": "Pass", "Result": {"step": 0}, "ResultPath": "$.progress", "Next": "Check"},
              "Check": {"Type": "Task", "Resource": "direct:wf-bench-a", "ResultPath": "$.a", "Next": "Checked?"},
              "Checked?": {"Type": "Choice", "Choices": [{"Variable": "$.a.ok", "BooleanEquals": true, "Next": "Mark 1"}],
                           "Default": "Failed"},
              "Mark 1": {"Type": "Pass", "Result": 1, "ResultPath": "$.progress.step", "Next": "Pay"},
              "Pay": {"Type": "Task", "Resource": "direct:wf-bench-b", "ResultPath": "$.b", "Next": "Paid?"},
              "Paid?": {"Type": "Choice", "Choices": [{"Variable": "$.b.ok", "BooleanEquals": true, "Next": "Mark 2"}],
                        "Default": "Failed"},
              "Mark 2": {"Type": "Pass", "Result": 2, "ResultPath": "$.progress.step", "Next": "Ship"},
              "Ship": {"Type": "Task", "Resource": "direct:wf-bench-c", "ResultPath": "$.c", "Next": "Shipped?"},
              "Shipped?": {"Type": "Choice", "Choices": [{"Variable": "$.c.ok", "BooleanEquals": true, "Next": "Mark 3"}],
                           "Default": "Failed"},
              "Mark 3": {"Type": "Pass", "Result": 3, "ResultPath": "$.progress.step", "Next": "Summarize"},
              "Summarize": {"Type": "Pass", "Parameters": {"order.$": "$.order", "step.$": "$.progress.step"}, "Next": "Done"},
              "Done": {"Type": "Succeed"},
              "Failed": {"Type": "Fail", "Error": "Bench.Failed"}}}
            """;
    static final String WAITING = """
            {"StartAt": "Wait a second", "States": {"Wait a second": {"Type": "Wait", "Seconds": 1, "End": true}}}
            """;

    /** One run's figures. */
    record Run(double executionRate, double baselineRate, double commitsPerExecution, double meanBatch,
               double onePerCommit, double timerLagP99Millis, double cpuMicrosPerExecution, List<Double> sliceRates) {
        double taskTransitionRate() {
            return TASKS * executionRate;
        }

        double transitionRate() {
            return STATES_RUN * executionRate;
        }
    }

    private WorkflowScenario() {
    }

    static String describe(BenchOptions options, String database) {
        return "template: workflow runner, 13-state ASL flow (3 no-op direct: tasks, Pass and Choice states), store on "
                + database + ", " + workers(options) + " worker(s), executions started from " + STARTERS + " thread(s); "
                + "warm-up rounds until the rate moves less than " + options.steadyPercent() + " % between rounds (at "
                + "most " + options.warmupRounds() + "), then " + options.slices() + " measured slices of at least "
                + (int) Math.ceil((double) options.messages() / options.slices()) + " executions lasting about "
                + options.sliceSeconds() + " s each; baseline: as many sequences of the same 3 calls from "
                + workers(options) + " thread(s), no store; then " + TIMED_EXECUTIONS + " executions each waiting 1 s "
                + "(timer lag); raw JDBC inserts on the store's database, 1 row per commit\n"
                + "last line: medians over the runs; spread = (max - min) / median of the runs' executions/s (of the "
                + "slices' with one run), cpu_spread of their CPU per execution, unstable=true above 20 %";
    }

    private static int workers(BenchOptions options) {
        return Math.max(16, options.consumers());
    }

    static BenchDatabase database(BenchOptions options, java.nio.file.Path directory, BenchDatabase shared) {
        String url = options.settings().get("edakit.workflow.jdbc-url");
        if (url != null) {
            return BenchDatabase.external(url, options.settings().getOrDefault("edakit.workflow.jdbc-user", "sa"),
                    options.settings().getOrDefault("edakit.workflow.jdbc-password", ""));
        }
        return shared != null ? shared : BenchDatabase.h2(directory, "workflow");
    }

    static Run run(BenchOptions options, BenchDatabase database, int runNumber, PrintWriter out) throws Exception {
        LongAdder calls = new LongAdder();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(tasks(calls));
            camel.start();
            ProducerTemplate producer = camel.createProducerTemplate();
            int workers = workers(options);
            Outcomes outcomes = new Outcomes();
            try (WorkflowStore store = WorkflowStore.open(database.url(), database.user(), database.password(),
                    workers / 2 + 2);
                 WorkflowRunner runner = new WorkflowRunner(store, new CamelTaskInvoker(camel, producer),
                         "bench-" + runNumber, Duration.ofSeconds(30), workers, Duration.ofSeconds(1), Clock.systemUTC())) {
                runner.register("bench", new Interpreter(AslParser.parse("bench.asl.json", FLOW)), outcomes::done);
                runner.register("bench-wait", new Interpreter(AslParser.parse("wait.asl.json", WAITING)), outcomes::done);
                JsonNode input = JSON.readTree("{\"order\": \"" + "x".repeat(Math.max(0, options.size() - 20)) + "\"}");
                Totals totals = new Totals();
                AtomicLong slices = new AtomicLong();
                // one side (the runner): the baseline's direct calls run 20-50x faster, and Slices sizes every
                // side's slice to the fastest side's pace, which would make a workflow slice last a minute
                Slices.Measured measured = Slices.run(List.of("workflow"), options, (side, count, counted) ->
                        slice(runner, store, outcomes, "r" + runNumber + "-s" + slices.incrementAndGet() + "-", count,
                                input, counted ? totals : new Totals()), "run " + runNumber, out);
                long executions = totals.executions;
                double rate = Stats.rate(executions, totals.nanos);
                double commitsPerExecution = (double) totals.commits.transactions() / executions;
                double cpuMicros = totals.cpuNanos / 1e3 / executions;
                out.printf(Locale.ROOT, "%s workflow: %d executions in %.2f s, %.0f executions/s, %.0f task "
                                + "transitions/s, %.0f transitions/s; %.2f commits and %.1f writes per execution (mean "
                                + "batch %.1f); process CPU %.0f us per execution; tasks called %d%n",
                        measured.runLabel(runNumber, options.runs(), "workflow"), executions, totals.nanos / 1e9, rate,
                        TASKS * rate, STATES_RUN * rate, commitsPerExecution, (double) totals.commits.writes() / executions,
                        totals.commits.meanBatch(), cpuMicros, calls.sum());
                out.println("  slice rates: " + ResultLine.sliceRates(List.of("workflow"), name -> totals.sliceRates));
                long expected = TASKS * outcomes.flows.sum(); // warm-up and measured slices
                if (calls.sum() != expected) {
                    throw new IllegalStateException("tasks were called " + calls.sum() + " times, expected " + expected);
                }
                out.flush();

                calls.reset();
                int sequences = (int) executions;
                long baselineNanos = baseline(producer, workers, sequences);
                out.printf(Locale.ROOT, "run %d baseline: %d call sequences in %.2f s, %.0f /s%n", runNumber,
                        sequences, baselineNanos / 1e9, Stats.rate(sequences, baselineNanos));
                out.flush();

                outcomes.lags.clear();
                start(runner, outcomes, "bench-wait", "wait-" + runNumber + "-", TIMED_EXECUTIONS, input);
                List<Long> lags = new ArrayList<>(outcomes.lags);
                double p99 = percentile(lags, 0.99);
                out.printf(Locale.ROOT, "run %d timers: %d executions waiting 1 s; timer lag p50 %.0f ms, p99 %.0f ms, "
                        + "max %.0f ms%n", runNumber, TIMED_EXECUTIONS, percentile(lags, 0.5), p99, percentile(lags, 1.0));
                out.flush();
                JdbcBaseline.Rates jdbc = JdbcBaseline.measure(database, workers, 3 * options.messages());
                out.printf(Locale.ROOT, "run %d %s; durable task transitions %.0f /s (%.2fx the 1-row-per-commit rate)%n",
                        runNumber, jdbc.describe(), TASKS * rate, TASKS * rate / jdbc.onePerCommit());
                out.flush();
                return new Run(rate, Stats.rate(sequences, baselineNanos), commitsPerExecution, totals.commits.meanBatch(),
                        jdbc.onePerCommit(), p99, cpuMicros, List.copyOf(totals.sliceRates));
            }
        }
    }

    /**
     * Runs {@code count} executions of the 13-state flow as one slice into {@code totals}; answers
     * their rate. Its time runs from the first start to the last ending, its CPU is the whole
     * process's (runner, store, H2) over the same span.
     */
    private static double slice(WorkflowRunner runner, WorkflowStore store, Outcomes outcomes, String prefix, int count,
                                JsonNode input, Totals totals) throws Exception {
        System.gc(); // the previous slice's garbage is not this one's pause
        GroupCommitter.Counts before = store.committer().counts();
        long cpuBefore = Slices.processCpuNanos();
        long started = System.nanoTime();
        start(runner, outcomes, "bench", prefix, count, input);
        long nanos = System.nanoTime() - started;
        long cpuNanos = Slices.processCpuNanos() - cpuBefore;
        GroupCommitter.Counts commits = store.committer().counts().since(before);
        totals.add(count, nanos, cpuNanos, commits);
        return Stats.rate(count, nanos);
    }

    private static RouteBuilder tasks(LongAdder calls) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String task : List.of("a", "b", "c")) {
                    from("direct:wf-bench-" + task).process(exchange -> {
                        calls.increment();
                        exchange.getMessage().setBody("{\"ok\": true}");
                    });
                }
            }
        };
    }

    /** Starts {@code count} executions from {@link #STARTERS} threads and waits until all ended. */
    private static void start(WorkflowRunner runner, Outcomes outcomes, String workflow, String prefix, int count,
                              JsonNode input) throws Exception {
        CountDownLatch done = outcomes.expect(count);
        AtomicLong next = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(STARTERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < STARTERS; t++) {
                running.add(threads.submit(() -> {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        runner.start(workflow, prefix + i, input);
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
            throw new IllegalStateException("executions did not end within 10 minutes");
        }
    }

    private static long baseline(ProducerTemplate producer, int threads, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        for (String task : List.of("a", "b", "c")) {
                            producer.requestBody("direct:wf-bench-" + task, "{\"order\": 1}");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> caller : running) {
                caller.get();
            }
        } finally {
            pool.shutdown();
        }
        return System.nanoTime() - started;
    }

    private static double percentile(List<Long> values, double fraction) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(fraction * sorted.size()) - 1));
    }

    /** The measured slices of a run, added up. */
    private static final class Totals {
        long executions;
        long nanos;
        long cpuNanos;
        GroupCommitter.Counts commits = new GroupCommitter.Counts(0, 0);
        final List<Double> sliceRates = new ArrayList<>();

        void add(int count, long sliceNanos, long sliceCpuNanos, GroupCommitter.Counts sliceCommits) {
            executions += count;
            nanos += sliceNanos;
            cpuNanos += sliceCpuNanos;
            commits = new GroupCommitter.Counts(commits.transactions() + sliceCommits.transactions(),
                    commits.writes() + sliceCommits.writes());
            sliceRates.add(Stats.rate(count, sliceNanos));
        }
    }

    /**
     * Counts ended executions (those of the 13-state flow in {@code flows}); for the 1 s waits, how late
     * each timer was handled (ms, from the store's times).
     */
    private static final class Outcomes {
        private volatile CountDownLatch latch = new CountDownLatch(0);
        final ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
        final LongAdder flows = new LongAdder();

        CountDownLatch expect(int count) {
            latch = new CountDownLatch(count);
            return latch;
        }

        void done(WorkflowRecord execution) {
            if (execution.status() != WorkflowStatus.SUCCEEDED) {
                throw new IllegalStateException("execution " + execution.id() + " ended " + execution.status().label());
            }
            if ("bench-wait".equals(execution.workflow())) {
                lags.add(execution.updatedAt().toEpochMilli() - execution.startedAt().toEpochMilli() - 1_000);
            } else {
                flows.increment();
            }
            latch.countDown();
        }
    }
}
