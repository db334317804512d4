package io.edakit.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edakit bench point-to-point|request-reply}: measures a template against the raw client
 * of the same transport, side by side on one freshly started broker per run, and ends with one
 * {@code RESULT} line (medians over {@code --runs}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures a template against a raw-client baseline on the same embedded broker.",
            "Each run starts its own broker (free loopback port, temporary data directory), warms the template, "
                    + "the baseline and (point-to-point, request-reply) the plain Camel route up to a steady state, "
                    + "measures them in interleaved slices, and the last line is:",
            "RESULT <template> <transport> template=<msg/s> baseline=<msg/s> ratio=<template/baseline> [latencies] "
                    + "template_cpu_us= baseline_cpu_us= cpu_ratio= [camel=<msg/s> camel_ratio= camel_cpu_us= "
                    + "camel_cpu_ratio= camel_spread=] spread= cpu_spread= unstable=<true when runs disagree by more "
                    + "than 20 %%>"})
public final class BenchCommand implements Callable<Integer> {

    static final int FAILED = 1;

    @Parameters(index = "0", paramLabel = "TEMPLATE",
            description = "point-to-point, request-reply, event-bus, idempotent-consumer, saga, event-store, workflow, "
                    + "fairness or replay")
    String template;

    @Option(names = "--messages", paramLabel = "N",
            description = "Messages (point-to-point), requests (request-reply) or sagas (saga) measured per side "
                    + "and run (default: 50000 / 5000 / 2000)")
    Integer messages;

    @Option(names = "--transport", defaultValue = "artemis",
            description = "artemis or kafka (default: ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--consumers", defaultValue = "1",
            description = "Consumers on both sides: the template's concurrent-consumers, the raw sessions (Artemis) "
                    + "or consumers (Kafka) (default: ${DEFAULT-VALUE})")
    int consumers;

    @Option(names = "--size", defaultValue = "200", description = "Payload bytes (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Messages or requests per side before measuring (default: 20000 / 2000, at most --messages; "
                    + "workflow: executions of the first warm-up round, default 2000)")
    Integer warmup;

    @Option(names = "--runs", defaultValue = "1", description = "Runs, each on a fresh broker; medians are reported "
            + "(default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--slices", defaultValue = "4",
            description = "Slices each side is measured in, interleaved between the sides (A B C C B A ...), so load "
                    + "from elsewhere falls on all alike (default: ${DEFAULT-VALUE})")
    int slices;

    @Option(names = "--slice-seconds", defaultValue = "2", paramLabel = "S",
            description = "A slice holds at least N / slices messages, more if that would last less than S seconds at "
                    + "the fastest side's warm-up pace (default: ${DEFAULT-VALUE}; 0: exactly N / slices)")
    double sliceSeconds;

    @Option(names = "--warmup-rounds", defaultValue = "8", paramLabel = "R",
            description = "Warm-up rounds (a slice of every side each) at most; the warm-up ends earlier once every "
                    + "side is steady (default: ${DEFAULT-VALUE})")
    int warmupRounds;

    @Option(names = "--steady", defaultValue = "10", paramLabel = "PERCENT",
            description = "A side is steady when its warm-up rate moved less than this from its previous round's "
                    + "(default: ${DEFAULT-VALUE})")
    double steady;

    @Option(names = "--no-camel", negatable = false,
            description = "point-to-point, request-reply: leave out the plain Camel side (camel-jms, camel-kafka)")
    boolean noCamel;

    @Option(names = "--callers", defaultValue = "1",
            description = "request-reply: concurrent callers (default: ${DEFAULT-VALUE})")
    int callers;

    @Option(names = "--store",
            description = "idempotent-consumer: memory (default), jdbc or h2 (the JDBC store on an H2 file) or postgres "
                    + "(the JDBC store on an embedded PostgreSQL started by the bench); saga: h2 (default) or postgres")
    String store;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "kafka: use this cluster instead of starting a local single-node broker")
    String bootstrapServers;

    @Option(names = "--no-metrics", negatable = false,
            description = "Run the template without a meter registry (the runnable jar always has one)")
    boolean noMetrics;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "Extra parameter of the template under test, e.g. -p max-in-flight=64")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Extra edakit.* setting of the template side, e.g. --set edakit.kafka.consumer-threads=2")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--cpu-breakdown",
            description = "Also print each side's CPU per message by thread role (broker, client I/O, edakit receiver, "
                    + "Camel workers, sender, JIT/GC ...)")
    boolean cpuBreakdown;

    @Option(names = "--verbose", description = "Keep the INFO logs of Camel, the broker and edakit")
    boolean verbose;

    @Option(names = "--state-events", defaultValue = "0", paramLabel = "N",
            description = "event-store: events of the long stream states at T are read from (default: 10 x --messages), "
                    + "e.g. --messages 2000 --state-events 1000000")
    int stateEvents;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!verbose) {
            BenchLogging.quiet();
        }
        try (BenchProgress progress = BenchProgress.start(err, BenchProgress.stderrIsTerminal())) {
            out.println(header(options));
            out.flush();
            String result = switch (options.template()) {
                case BenchOptions.POINT_TO_POINT -> pointToPoint(options, out, PointToPointScenario.pointToPoint(options));
                case BenchOptions.EVENT_BUS -> pointToPoint(options, out, EventBusScenario.setup(options));
                case BenchOptions.IDEMPOTENT_CONSUMER -> idempotentConsumer(options, out);
                case BenchOptions.SAGA -> saga(options, out);
                case BenchOptions.EVENT_STORE -> eventStore(options, out);
                case BenchOptions.WORKFLOW -> workflow(options, out);
                case BenchOptions.FAIRNESS -> fairness(options, out);
                case BenchOptions.REPLAY -> ReplayScenario.run(options, out);
                default -> requestReply(options, out);
            };
            out.println(result);
            out.flush();
            return 0;
        } catch (Exception e) {
            out.flush();
            err.println("bench failed: " + e);
            Throwable cause = e.getCause();
            while (cause != null && cause != cause.getCause()) {
                err.println("  caused by: " + cause);
                cause = cause.getCause();
            }
            err.flush();
            return FAILED;
        }
    }

    private BenchOptions options() {
        if (!BenchOptions.TEMPLATES.contains(template)) {
            throw new IllegalArgumentException("TEMPLATE must be one of " + BenchOptions.TEMPLATES + ", was '" + template
                    + "'");
        }
        if (!BenchTransports.NAMES.contains(transport)) {
            throw new IllegalArgumentException("--transport must be one of " + BenchTransports.NAMES + ", was '"
                    + transport + "'");
        }
        boolean p2p = !BenchOptions.REQUEST_REPLY.equals(template);
        boolean eventStore = BenchOptions.EVENT_STORE.equals(template);
        // all three: --store h2|postgres
        boolean saga = BenchOptions.SAGA.equals(template) || BenchOptions.WORKFLOW.equals(template) || eventStore;
        boolean fairness = BenchOptions.FAIRNESS.equals(template);
        if (BenchOptions.REPLAY.equals(template) && !"artemis".equals(transport)) {
            throw new IllegalArgumentException("bench replay measures replays into an Artemis channel: --transport artemis");
        }
        int n = messages != null ? messages : eventStore ? 20_000 : saga ? 2_000 : fairness ? 200_000 : p2p ? 50_000 : 5_000;
        int w = warmup != null ? warmup : Math.min(n, BenchOptions.WORKFLOW.equals(template) ? WorkflowScenario.WARMUP
                : saga ? 200 : p2p ? 20_000 : 2_000);
        String chosenStore = store(saga);
        for (String key : settings.keySet()) {
            if (!key.startsWith("edakit.")) {
                throw new IllegalArgumentException("--set takes edakit.* settings, was '" + key + "'");
            }
        }
        return new BenchOptions(template, transport, n, consumers, size, w, runs, slices, callers, bootstrapServers,
                !noMetrics, parameters, settings, cpuBreakdown, chosenStore, warmupRounds, steady, sliceSeconds, !noCamel,
                stateEvents);
    }

    /** The store under test: {@code memory}, {@code h2} or {@code postgres} ({@code jdbc} is {@code h2}). */
    private String store(boolean saga) {
        List<String> allowed = saga ? List.of(BenchDatabase.H2, BenchDatabase.POSTGRES)
                : List.of(IdempotentConsumerScenario.MEMORY, IdempotentConsumerScenario.JDBC, BenchDatabase.H2,
                        BenchDatabase.POSTGRES);
        if (store == null) {
            return saga ? BenchDatabase.H2 : IdempotentConsumerScenario.MEMORY;
        }
        if (!allowed.contains(store)) {
            throw new IllegalArgumentException("--store must be one of " + allowed + (saga ? " for saga" : "")
                    + ", was '" + store + "'");
        }
        return IdempotentConsumerScenario.JDBC.equals(store) ? BenchDatabase.H2 : store;
    }

    private static String header(BenchOptions options) {
        if (BenchOptions.REPLAY.equals(options.template())) {
            return ReplayScenario.describe(options);
        }
        if (BenchOptions.EVENT_STORE.equals(options.template())) {
            return "edakit bench event-store: " + options.messages() + " events per writer count " + EventStoreScenario.WRITERS
                    + ", one event per append with its expected version, warmup " + options.warmup() + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs (no broker: the Java API)\n"
                    + "database: " + BenchDatabase.describe(options.store()) + "; raw JDBC on the same database in the "
                    + "same run; state at random times on a stream of " + EventStoreScenario.stateEvents(options) + " events";
        }
        if (BenchOptions.WORKFLOW.equals(options.template())) {
            return "edakit bench workflow: at least " + options.messages() + " executions measured per run x "
                    + options.runs() + " run(s), first warm-up round " + options.warmup() + ", payload " + options.size() + " B, "
                    + Runtime.getRuntime().availableProcessors() + " CPUs (no broker: executions start from the runner's API)\n"
                    + WorkflowScenario.describe(options, options.settings().containsKey("edakit.workflow.jdbc-url")
                    ? WorkflowScenario.database(options, Path.of("."), null).describe() : BenchDatabase.describe(options.store()));
        }
        if (BenchOptions.SAGA.equals(options.template())) {
            return "edakit bench saga: " + options.messages() + " sagas per side x " + options.runs() + " run(s), warmup "
                    + options.warmup() + ", payload " + options.size() + " B, " + Runtime.getRuntime().availableProcessors()
                    + " CPUs (no broker: sagas start from the engine's API)\n"
                    + SagaScenario.describeTemplate(options, options.settings().containsKey("edakit.saga.jdbc-url")
                    ? SagaScenario.database(options, Path.of("."), null).describe() : BenchDatabase.describe(options.store()));
        }
        boolean p2p = !BenchOptions.REQUEST_REPLY.equals(options.template());
        StringBuilder header = new StringBuilder();
        header.append("edakit bench ").append(options.template()).append(" on ").append(options.transport())
                .append(": ").append(options.messages()).append(p2p ? " messages" : " requests").append(" per side x ")
                .append(options.runs()).append(options.runs() == 1 ? " run" : " runs").append(", payload ")
                .append(options.size()).append(" B, consumers ").append(options.consumers());
        if (!p2p) {
            header.append(", callers ").append(options.callers());
        }
        header.append(", warmup ").append(options.warmup()).append(" per side, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs\n");
        header.append(options.bootstrapServers() == null ? "each run: fresh broker; " : "each run: new topics; ")
                .append("every side on a channel of its own, laid out alike; warm-up rounds (a slice of each side) "
                        + "until every side's rate moves less than ").append(fmt(options.steadyPercent()))
                .append(" % between rounds (at most ").append(options.warmupRounds()).append(" rounds), then ")
                .append(options.slices()).append(" measured slices per side, interleaved (A B C C B A ...), each of at "
                        + "least ").append((int) Math.ceil((double) options.messages() / options.slices()))
                .append(" and lasting about ").append(fmt(options.sliceSeconds())).append(" s at the fastest side's "
                        + "pace; a slice waits until its channel holds nothing unacknowledged; CPU/msg = whole "
                        + "process (broker, sender, consumers)\n");
        header.append("last line: medians over the runs, ratios the medians of the per-run ratios (template over "
                + "the other side); spread = (max - min) / median of the per-run ratios (per-slice with one run), "
                + "unstable=true above 20 %\n");
        header.append(switch (options.template()) {
            case BenchOptions.POINT_TO_POINT -> PointToPointScenario.describeTemplate(options);
            case BenchOptions.EVENT_BUS -> EventBusScenario.describeTemplate(options);
            case BenchOptions.IDEMPOTENT_CONSUMER -> IdempotentConsumerScenario.describeTemplate(options);
            case BenchOptions.FAIRNESS -> "fairness: A bursts --messages (raw client, into its lane when on) while B-E send "
                    + "50 msg/s each through channel:; off (one queue) then on (16 lanes, weighted DRR), then 3:1:1 weights "
                    + "backlogged; the handler only counts (it costs no time), so this measures the broker and the scheduler";
            default -> RequestReplyScenario.describeTemplate(options);
        }).append('\n');
        header.append(BenchTransports.describe(options));
        return header.toString();
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String pointToPoint(BenchOptions options, PrintWriter out, PointToPointScenario.Setup setup)
            throws Exception {
        List<PointToPointScenario.Run> runs = new ArrayList<>();
        for (int i = 1; i <= options.runs(); i++) {
            BenchProgress.current().run(i, options.runs());
            try (BenchTransport transport = BenchTransports.create(options)) {
                transport.start();
                runs.add(PointToPointScenario.run(transport, options, i, out, setup));
            }
        }
        return ResultLine.pointToPoint(options.template(), options.transport(), runs);
    }

    /** Fairness off and on in one run on one broker; the RESULT line of the issue (#15). */
    private static String fairness(BenchOptions options, PrintWriter out) throws Exception {
        try (BenchTransport transport = BenchTransports.create(options)) {
            transport.start();
            return FairnessScenario.run(transport, options, out);
        }
    }

    private static String idempotentConsumer(BenchOptions options, PrintWriter out) throws Exception {
        if (IdempotentConsumerScenario.MEMORY.equals(options.store())) {
            BenchOptions withStore = options.withSettings(java.util.Map.of("edakit.idempotency.store",
                    IdempotentConsumerScenario.MEMORY));
            String result = pointToPoint(withStore, out, IdempotentConsumerScenario.setup(withStore));
            return result + memory(options, out);
        }
        try (BenchDatabase database = BenchDatabase.POSTGRES.equals(options.store()) ? BenchDatabase.postgres()
                : BenchDatabase.h2(IdempotentConsumerScenario.temporaryDirectory(), "idempotency")) {
            BenchOptions withStore = options.withSettings(IdempotentConsumerScenario.storeSettings(database));
            String result = pointToPoint(withStore, out, IdempotentConsumerScenario.setup(withStore));
            List<JdbcBaseline.Rates> jdbc = new ArrayList<>();
            for (int i = 1; i <= options.runs(); i++) {
                JdbcBaseline.Rates rates = JdbcBaseline.measure(database, options.consumers(), options.messages());
                out.printf(java.util.Locale.ROOT, "run %d %s (the store writes 2 per message: claim, confirm)%n", i,
                        rates.describe());
                out.flush();
                jdbc.add(rates);
            }
            return result + ResultLine.jdbc(jdbc) + memory(options, out);
        }
    }

    private static String memory(BenchOptions options, PrintWriter out) {
        double heap = IdempotentConsumerScenario.heapOfAMillionKeysMb();
        out.printf(java.util.Locale.ROOT, "memory store: one million confirmed keys use %.0f MB of heap%n", heap);
        return String.format(java.util.Locale.ROOT, " store=%s heap_1m_keys_mb=%.0f", options.store(), heap);
    }

    private static String eventStore(BenchOptions options, PrintWriter out) throws Exception {
        try (BenchDatabase database = EventStoreScenario.database(options, IdempotentConsumerScenario.temporaryDirectory())) {
            return EventStoreScenario.run(options, database, out);
        }
    }

    private static String saga(BenchOptions options, PrintWriter out) throws Exception {
        List<SagaScenario.Run> runs = new ArrayList<>();
        try (BenchDatabase shared = BenchDatabase.POSTGRES.equals(options.store()) ? BenchDatabase.postgres() : null) {
            for (int i = 1; i <= options.runs(); i++) {
                BenchProgress.current().run(i, options.runs());
                Path directory = IdempotentConsumerScenario.temporaryDirectory();
                runs.add(SagaScenario.run(options, SagaScenario.database(options, directory, shared), i, out));
            }
        }
        return ResultLine.saga(options.store(), runs);
    }

    private static String workflow(BenchOptions options, PrintWriter out) throws Exception {
        List<WorkflowScenario.Run> runs = new ArrayList<>();
        try (BenchDatabase shared = BenchDatabase.POSTGRES.equals(options.store()) ? BenchDatabase.postgres() : null) {
            for (int i = 1; i <= options.runs(); i++) {
                BenchProgress.current().run(i, options.runs());
                Path directory = IdempotentConsumerScenario.temporaryDirectory();
                runs.add(WorkflowScenario.run(options, WorkflowScenario.database(options, directory, shared), i, out));
            }
        }
        return ResultLine.workflow(options.store(), runs);
    }

    private static String requestReply(BenchOptions options, PrintWriter out) throws Exception {
        List<RequestReplyScenario.Run> runs = new ArrayList<>();
        for (int i = 1; i <= options.runs(); i++) {
            BenchProgress.current().run(i, options.runs());
            try (BenchTransport transport = BenchTransports.create(options)) {
                transport.start();
                runs.add(RequestReplyScenario.run(transport, options, i, out));
            }
        }
        return ResultLine.requestReply(options.transport(), runs);
    }
}
