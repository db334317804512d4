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
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;

/**
 * Request-reply: the {@code request-reply} requester (from {@code direct:}) with a {@code responder}
 * echoing each request, against a raw requester and responder of the same transport and, on
 * Artemis, camel-jms InOut (an exclusive reply queue) with a camel-jms responder, on the same
 * broker, each on its own channel, non-persistent. {@code callers} threads call synchronously;
 * latency per call (p50, p99) and calls per second, measured in interleaved slices after a warm-up
 * to a steady state (see {@link Slices}).
 */
final class RequestReplyScenario {

    /** Channel names; each run adds its own suffix, so runs against an existing cluster start empty. */
    static final String TEMPLATE_CHANNEL = "bench.rr.template";
    static final String BASELINE_CHANNEL = "bench.rr.baseline";
    static final String CAMEL_CHANNEL = "bench.rr.camel";

    record Measured(double rate, double p50Millis, double p99Millis, long answered, double cpuMicrosPerMessage,
                    List<Double> sliceRates) implements Comparison.Figures {
    }

    /** A run: template and baseline, and {@code camel} (null where Camel has no equivalent, or without it). */
    record Run(Measured template, Measured baseline, Measured camel) {

        double ratio() {
            return comparison().ratio();
        }

        Comparison comparison() {
            return new Comparison(template, baseline, camel);
        }

        double p50Ratio() {
            return template.p50Millis() / baseline.p50Millis();
        }
    }

    private record Side(String name, CallLoad.CallerFactory callers, LongSupplier answered) {
    }

    private static final class Totals {
        final Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long ok;
        long nanos;
        long answered;
        long cpuNanos;
        final CpuBreakdown cpu = new CpuBreakdown();
        final List<Double> sliceRates = new ArrayList<>();

        Measured measured() {
            return new Measured(Stats.rate(ok, nanos), latencies.getValueAtPercentile(50) / 1e6,
                    latencies.getValueAtPercentile(99) / 1e6, answered, cpuNanos / 1e3 / Math.max(1, ok),
                    List.copyOf(sliceRates));
        }
    }

    private RequestReplyScenario() {
    }

    static String describeTemplate(BenchOptions options) {
        return "template: request-reply template (from direct:, persistent=false"
                + (options.parameters().isEmpty() ? "" : ", " + options.parameters()) + ") + responder template "
                + "(concurrent-consumers=" + options.consumers() + ", handler direct: echo) in one Camel context with "
                + "EdakitTemplates" + (options.metrics() ? " and a Prometheus registry (template metrics on)" : "")
                + "; callers use ProducerTemplate.requestBody";
    }

    static Run run(BenchTransport transport, BenchOptions options, int runIndex, PrintWriter out) throws Exception {
        byte[] payload = Payload.of(options.size());
        String suffix = "." + runIndex + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        String templateChannel = TEMPLATE_CHANNEL + suffix;
        String baselineChannel = BASELINE_CHANNEL + suffix;
        String camelChannel = CAMEL_CHANNEL + suffix;
        Map<String, String> settings = new LinkedHashMap<>(transport.edakitSettings());
        settings.put("edakit.instance-id", "bench-" + runIndex);
        settings.putAll(options.settings());
        transport.prepareChannel(templateChannel);
        try (TemplateApp app = TemplateApp.start(settings, options.metrics());
             Closer closer = new Closer()) {
            app.requestReply(templateChannel, options.consumers(), options.parameters());
            app.handled().expect(Long.MAX_VALUE);
            List<Side> sides = new ArrayList<>();
            sides.add(new Side("template", app::caller, app.handled()::count));
            BenchTransport.RequestReplyBaseline baseline = transport.requestReplyBaseline(baselineChannel,
                    options.consumers());
            closer.add(baseline);
            sides.add(new Side("baseline", baseline::newCaller, baseline::answered));
            BenchTransport.RequestReplyBaseline camel = options.camel()
                    ? transport.camelRequestReply(camelChannel, options.consumers()) : null;
            if (camel != null) {
                closer.add(camel);
                sides.add(new Side("camel", camel::newCaller, camel::answered));
            }
            Collections.rotate(sides, -(runIndex - 1));
            Map<String, Totals> totals = new HashMap<>();
            sides.forEach(side -> totals.put(side.name(), new Totals()));
            Slices.Measured measured = Slices.run(sides.stream().map(Side::name).toList(), options,
                    (index, count, counts) -> slice(sides.get(index), options, count, payload,
                            counts ? totals.get(sides.get(index).name()) : new Totals()),
                    "run " + runIndex, out);
            Run run = new Run(totals.get("template").measured(), totals.get("baseline").measured(),
                    totals.containsKey("camel") ? totals.get("camel").measured() : null);
            out.printf(Locale.ROOT, "%s: template %.0f "
                            + "req/s p50 %.3f ms p99 %.3f ms (%d answered, %.1f us CPU/req), baseline %.0f req/s p50 "
                            + "%.3f ms p99 %.3f ms (%d answered, %.1f us CPU/req)%s, p50 ratio %.3f, cpu ratio %.3f%n",
                    measured.runLabel(runIndex, options.runs(), sides.get(0).name()),
                    run.template().rate(), run.template().p50Millis(), run.template().p99Millis(),
                    run.template().answered(), run.template().cpuMicrosPerMessage(),
                    run.baseline().rate(), run.baseline().p50Millis(), run.baseline().p99Millis(),
                    run.baseline().answered(), run.baseline().cpuMicrosPerMessage(),
                    run.camel() == null ? "" : String.format(Locale.ROOT, ", camel %.0f req/s p50 %.3f ms p99 %.3f ms "
                                    + "(%d answered, %.1f us CPU/req)", run.camel().rate(), run.camel().p50Millis(),
                            run.camel().p99Millis(), run.camel().answered(), run.camel().cpuMicrosPerMessage()),
                    run.p50Ratio(), run.comparison().cpuRatio());
            out.println("  slice rates: " + ResultLine.sliceRates(sides.stream().map(Side::name).toList(),
                    name -> totals.get(name).sliceRates));
            if (options.cpuBreakdown()) {
                for (Side side : sides) {
                    out.println("  " + side.name() + " CPU us/req: " + totals.get(side.name()).cpu.perMessage());
                }
            }
            out.flush();
            return run;
        }
    }

    /** Runs one slice of {@code side} into {@code totals}; answers its rate. */
    private static double slice(Side side, BenchOptions options, int count, byte[] payload, Totals totals)
            throws Exception {
        if (count == 0) {
            return 0;
        }
        Duration timeout = Duration.ofSeconds(Math.max(60, count / 100));
        System.gc();
        long answeredBefore = side.answered().getAsLong();
        totals.cpu.begin();
        long cpuBefore = Slices.processCpuNanos();
        CallLoad.Outcome outcome = CallLoad.run(Math.min(options.callers(), count), count, payload, side.callers(),
                timeout);
        long cpuAfter = Slices.processCpuNanos();
        totals.cpu.end(count);
        if (outcome.firstFailure() != null) {
            throw new IllegalStateException(side.name() + ": request-reply failed after " + outcome.ok() + " of "
                    + count + " calls: " + outcome.firstFailure(), outcome.firstFailure());
        }
        totals.latencies.add(outcome.latencies());
        totals.ok += outcome.ok();
        totals.nanos += outcome.elapsedNanos();
        totals.answered += side.answered().getAsLong() - answeredBefore;
        totals.cpuNanos += cpuAfter - cpuBefore;
        totals.sliceRates.add(outcome.rate());
        return outcome.rate();
    }
}
