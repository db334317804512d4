package io.edakit.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Point-to-point: the {@code point-to-point} template, a raw consumer of the same transport and
 * the plain Camel route a Camel user would write instead (camel-jms or camel-kafka, acknowledging
 * after the route), on the same broker, each on a channel of its own laid out alike, all fed by the
 * same raw pipelined sender. All are warmed up to a steady state, then measured in interleaved
 * slices (see {@link Slices}); a slice's time runs from its first send to its last message handled,
 * its CPU is the whole process's over the same span, and each slice waits until its channel holds
 * nothing unacknowledged before the next starts, so no side inherits another's backlog.
 */
final class PointToPointScenario {

    /** Channel names; each run adds its own suffix, so runs against an existing cluster start empty. */
    static final String TEMPLATE_CHANNEL = "bench.p2p.template";
    static final String BASELINE_CHANNEL = "bench.p2p.baseline";
    static final String CAMEL_CHANNEL = "bench.p2p.camel";

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

        /**
         * The plain Camel side (what a Camel user would write instead), and what to close when the run
         * ends; null when this scenario has none.
         */
        default Map.Entry<Side, AutoCloseable> camel(BenchTransport transport, String channel) throws Exception {
            return null;
        }

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

            @Override
            public Map.Entry<Side, AutoCloseable> camel(BenchTransport transport, String channel) throws Exception {
                if (!options.camel()) {
                    return null;
                }
                HandledCounter counter = new HandledCounter();
                AutoCloseable route = transport.camelPointToPoint(channel, options.consumers(), counter);
                return Map.entry(new Side("camel", channel, counter, 1), route);
            }
        };
    }

    /**
     * One side's measurement.
     *
     * @param rate                messages per second over the measured slices
     * @param counted             how often the handler ran (N unless something was delivered twice)
     * @param cpuMicrosPerMessage CPU time of the whole process (broker and sender included) per message
     * @param sliceRates          each measured slice's rate
     */
    record Measured(double rate, long counted, double cpuMicrosPerMessage, List<Double> sliceRates)
            implements Comparison.Figures {
    }

    /** A run: template and baseline, and {@code camel} (null when the run has no plain Camel side). */
    record Run(Measured template, Measured baseline, Measured camel) {

        double ratio() {
            return comparison().ratio();
        }

        Comparison comparison() {
            return new Comparison(template, baseline, camel);
        }
    }

    private static final class Totals {
        long messages;
        long nanos;
        long counted;
        long cpuNanos;
        final CpuBreakdown cpu = new CpuBreakdown();
        final List<Double> sliceRates = new ArrayList<>();

        Measured measured() {
            return new Measured(Stats.rate(messages, nanos), counted, cpuNanos / 1e3 / Math.max(1, messages),
                    List.copyOf(sliceRates));
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
        String camelChannel = CAMEL_CHANNEL + suffix;
        Map<String, String> settings = new LinkedHashMap<>(transport.edakitSettings());
        settings.put("edakit.instance-id", "bench-" + runIndex);
        settings.putAll(options.settings());
        // every side's channel laid out alike (the same partitions, the same queue topology) before anyone uses it
        transport.prepareChannel(templateChannel);
        try (BenchTransport.Feeder feeder = transport.feeder();
             TemplateApp app = TemplateApp.start(settings, options.metrics());
             Closer closer = new Closer()) {
            List<Side> sides = new ArrayList<>();
            sides.add(setup.template(app, templateChannel));
            Map.Entry<Side, AutoCloseable> baseline = setup.baseline(transport, app, baselineChannel);
            closer.add(baseline.getValue());
            sides.add(baseline.getKey());
            Map.Entry<Side, AutoCloseable> camel = setup.camel(transport, camelChannel);
            if (camel != null) {
                closer.add(camel.getValue());
                sides.add(camel.getKey());
            }
            // each run starts with another side, so no side is always the first after a warm-up
            Collections.rotate(sides, -(runIndex - 1));
            Map<String, Totals> totals = new HashMap<>();
            sides.forEach(side -> totals.put(side.name(), new Totals()));
            Slices.Measured measured = Slices.run(sides.stream().map(Side::name).toList(), options,
                    (index, count, counts) -> slice(transport, feeder, sides.get(index), count, payload,
                            counts ? totals.get(sides.get(index).name()) : new Totals()),
                    "run " + runIndex, out);
            Run run = new Run(totals.get("template").measured(), totals.get("baseline").measured(),
                    totals.containsKey("camel") ? totals.get("camel").measured() : null);
            out.printf(Locale.ROOT, "%s: template %.0f "
                            + "msg/s (%d handled, %.1f us CPU/msg), baseline %.0f msg/s (%d handled, %.1f us CPU/msg)"
                            + "%s, ratio %.3f, cpu ratio %.3f%n",
                    measured.runLabel(runIndex, options.runs(), sides.get(0).name()),
                    run.template().rate(), run.template().counted(), run.template().cpuMicrosPerMessage(),
                    run.baseline().rate(), run.baseline().counted(), run.baseline().cpuMicrosPerMessage(),
                    run.camel() == null ? "" : String.format(Locale.ROOT, ", camel %.0f msg/s (%d handled, %.1f us "
                            + "CPU/msg)", run.camel().rate(), run.camel().counted(), run.camel().cpuMicrosPerMessage()),
                    run.ratio(), run.comparison().cpuRatio());
            out.println("  slice rates: " + ResultLine.sliceRates(sides.stream().map(Side::name).toList(),
                    name -> totals.get(name).sliceRates));
            setup.report(app, runIndex, out);
            if (options.cpuBreakdown()) {
                for (Side side : sides) {
                    out.println("  " + side.name() + " CPU us/msg: " + totals.get(side.name()).cpu.perMessage());
                }
            }
            out.flush();
            return run;
        }
    }

    /** Runs one slice of {@code side} into {@code totals}; answers its rate. */
    private static double slice(BenchTransport transport, BenchTransport.Feeder feeder, Side side, int count,
                                byte[] payload, Totals totals) throws Exception {
        if (count == 0) {
            return 0;
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
        double rate = Stats.rate(count, end - start);
        totals.sliceRates.add(rate);
        return rate;
    }
}
