package io.edakit.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Point-to-point: the {@code point-to-point} template and a raw consumer of the same transport,
 * on the same broker, each on its own channel, both fed by the same raw pipelined sender. Both are
 * warmed up, then measured in alternating slices (see {@link Slices}); a slice's time runs from
 * its first send to its last message handled, and a side's rate is its N messages over the sum of
 * its slices' times.
 */
final class PointToPointScenario {

    /** Channel names; each run adds its own suffix, so runs against an existing cluster start empty. */
    static final String TEMPLATE_CHANNEL = "bench.p2p.template";
    static final String BASELINE_CHANNEL = "bench.p2p.baseline";

    /**
     * One side: where the sender sends, and the counter that sees each message arrive
     * {@code arrivalsPerMessage} times (2 for a fan-out to two targets).
     */
    record Side(String name, String channel, HandledCounter counter, int arrivalsPerMessage) {
    }

    /** Installs both sides of a run (the template and the baseline) on the run's broker. */
    interface Setup {
        Side template(TemplateApp app, String channel) throws Exception;

        /** The baseline side, and what to close when the run ends. */
        Map.Entry<Side, AutoCloseable> baseline(BenchTransport transport, TemplateApp app, String channel)
                throws Exception;

        /** Prints what else the run showed about the template side (after its result line). */
        default void report(TemplateApp app, int runIndex, PrintWriter out) {
        }
    }

    /** The point-to-point template against the transport's raw consumer. */
    static Setup pointToPoint(BenchOptions options) {
        return new Setup() {
            @Override
            public Side template(TemplateApp app, String channel) throws Exception {
                app.pointToPoint(channel, options.consumers(), options.parameters());
                return new Side("template", channel, app.handled(), 1);
            }

            @Override
            public Map.Entry<Side, AutoCloseable> baseline(BenchTransport transport, TemplateApp app, String channel)
                    throws Exception {
                HandledCounter counter = new HandledCounter();
                AutoCloseable consumer = transport.pointToPointBaseline(channel, options.consumers(), counter);
                return Map.entry(new Side("baseline", channel, counter, 1), consumer);
            }
        };
    }

    /**
     * One side's measurement.
     *
     * @param rate         messages per second
     * @param counted      how often the handler ran (N unless something was delivered twice)
     * @param cpuMicrosPerMessage CPU time of the whole process (broker and sender included) per message
     */
    record Measured(double rate, long counted, double cpuMicrosPerMessage) {
    }

    record Run(Measured template, Measured baseline) {

        double ratio() {
            return template.rate() / baseline.rate();
        }
    }

    private static final class Totals {
        long messages;
        long nanos;
        long counted;
        long cpuNanos;
        final CpuBreakdown cpu = new CpuBreakdown();

        Measured measured() {
            return new Measured(Stats.rate(messages, nanos), counted, cpuNanos / 1e3 / Math.max(1, messages));
        }
    }

    private PointToPointScenario() {
    }

    static String describeTemplate(BenchOptions options) {
        return "template: point-to-point template (channel: consumer, concurrent-consumers=" + options.consumers()
                + (options.parameters().isEmpty() ? "" : ", " + options.parameters()) + ") in a Camel context with "
                + "EdakitTemplates" + (options.metrics() ? " and a Prometheus registry (template metrics on)" : "")
                + ", handler direct: -> counting processor; each message acknowledged after its exchange completed";
    }

    static Run run(BenchTransport transport, BenchOptions options, int runIndex, PrintWriter out) throws Exception {
        return run(transport, options, runIndex, out, pointToPoint(options));
    }

    static Run run(BenchTransport transport, BenchOptions options, int runIndex, PrintWriter out, Setup setup)
            throws Exception {
        byte[] payload = Payload.of(options.size());
        String suffix = "." + runIndex + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        String templateChannel = TEMPLATE_CHANNEL + suffix;
        String baselineChannel = BASELINE_CHANNEL + suffix;
        Map<String, String> settings = new LinkedHashMap<>(transport.edakitSettings());
        settings.put("edakit.instance-id", "bench-" + runIndex);
        settings.putAll(options.settings());
        try (BenchTransport.Feeder feeder = transport.feeder();
             TemplateApp app = TemplateApp.start(settings, options.metrics())) {
            Side template = setup.template(app, templateChannel);
            Map.Entry<Side, AutoCloseable> baselineSide = setup.baseline(transport, app, baselineChannel);
            try (AutoCloseable baseline = baselineSide.getValue()) {
                Side raw = baselineSide.getKey();
                List<Side> order = runIndex % 2 == 1 ? List.of(template, raw) : List.of(raw, template);
                for (Side side : order) {
                    slice(transport, feeder, side, options.warmup(), payload, new Totals());
                }
                Map<String, Totals> totals = Map.of("template", new Totals(), "baseline", new Totals());
                List<Integer> sizes = Slices.sizes(options.messages(), options.slices());
                int[] next = new int[2];
                for (int step = 0; step < 2 * sizes.size(); step++) {
                    int sideIndex = Slices.sideOf(step);
                    Side side = order.get(sideIndex);
                    slice(transport, feeder, side, sizes.get(next[sideIndex]++), payload, totals.get(side.name()));
                }
                Run run = new Run(totals.get("template").measured(), totals.get("baseline").measured());
                out.printf(Locale.ROOT, "run %d/%d (%s first, %d slices each): template %.0f msg/s (%d handled, "
                                + "%.1f us CPU/msg), baseline %.0f msg/s (%d handled, %.1f us CPU/msg), ratio %.3f%n",
                        runIndex, options.runs(), order.get(0).name(), sizes.size(),
                        run.template().rate(), run.template().counted(), run.template().cpuMicrosPerMessage(),
                        run.baseline().rate(), run.baseline().counted(), run.baseline().cpuMicrosPerMessage(),
                        run.ratio());
                setup.report(app, runIndex, out);
                if (options.cpuBreakdown()) {
                    out.println("  template CPU us/msg: " + totals.get("template").cpu.perMessage());
                    out.println("  baseline CPU us/msg: " + totals.get("baseline").cpu.perMessage());
                }
                out.flush();
                return run;
            }
        }
    }

    private static void slice(BenchTransport transport, BenchTransport.Feeder feeder, Side side, int count,
                              byte[] payload, Totals totals) throws Exception {
        if (count == 0) {
            return;
        }
        Duration timeout = Duration.ofSeconds(Math.max(60, count / 500));
        System.gc();
        side.counter().expect((long) count * side.arrivalsPerMessage());
        totals.cpu.begin();
        long cpuBefore = Slices.processCpuNanos();
        long start = System.nanoTime();
        feeder.send(side.channel(), count, payload);
        if (!side.counter().await(timeout)) {
            throw new IllegalStateException(side.name() + ": only " + side.counter().count() + " of "
                    + (long) count * side.arrivalsPerMessage() + " arrivals after " + timeout.toSeconds() + " s");
        }
        long end = side.counter().reachedNanos();
        long cpuAfter = Slices.processCpuNanos();
        totals.cpu.end(count);
        feeder.awaitConfirmed(timeout);
        transport.awaitSettled(side.channel(), timeout);
        totals.messages += count;
        totals.nanos += end - start;
        totals.counted += side.counter().count() / side.arrivalsPerMessage();
        totals.cpuNanos += cpuAfter - cpuBefore;
    }
}
