package io.edakit.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;

/**
 * Request-reply: the {@code request-reply} requester (from {@code direct:}) with a {@code responder}
 * echoing each request, against a raw requester and responder of the same transport, on the same
 * broker, each on its own channel, non-persistent. {@code callers} threads call synchronously;
 * latency per call (p50, p99) and calls per second, measured in alternating slices (see
 * {@link Slices}) after a warm-up of each side.
 */
final class RequestReplyScenario {

    /** Channel names; each run adds its own suffix, so runs against an existing cluster start empty. */
    static final String TEMPLATE_CHANNEL = "bench.rr.template";
    static final String BASELINE_CHANNEL = "bench.rr.baseline";

    record Measured(double rate, double p50Millis, double p99Millis, long answered, double cpuMicrosPerRequest) {
    }

    record Run(Measured template, Measured baseline) {

        double ratio() {
            return template.rate() / baseline.rate();
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

        Measured measured() {
            return new Measured(Stats.rate(ok, nanos), latencies.getValueAtPercentile(50) / 1e6,
                    latencies.getValueAtPercentile(99) / 1e6, answered, cpuNanos / 1e3 / Math.max(1, ok));
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
        Map<String, String> settings = new LinkedHashMap<>(transport.edakitSettings());
        settings.put("edakit.instance-id", "bench-" + runIndex);
        settings.putAll(options.settings());
        try (TemplateApp app = TemplateApp.start(settings, options.metrics())) {
            app.requestReply(templateChannel, options.consumers(), options.parameters());
            try (BenchTransport.RequestReplyBaseline baseline = transport.requestReplyBaseline(baselineChannel,
                    options.consumers())) {
                app.handled().expect(Long.MAX_VALUE);
                Side template = new Side("template", app::caller, app.handled()::count);
                Side raw = new Side("baseline", baseline::newCaller, baseline::answered);
                List<Side> order = runIndex % 2 == 1 ? List.of(template, raw) : List.of(raw, template);
                for (Side side : order) {
                    slice(side, options, options.warmup(), payload, new Totals());
                }
                Map<String, Totals> totals = Map.of("template", new Totals(), "baseline", new Totals());
                List<Integer> sizes = Slices.sizes(options.messages(), options.slices());
                int[] next = new int[2];
                for (int step = 0; step < 2 * sizes.size(); step++) {
                    int sideIndex = Slices.sideOf(step);
                    Side side = order.get(sideIndex);
                    slice(side, options, sizes.get(next[sideIndex]++), payload, totals.get(side.name()));
                }
                Run run = new Run(totals.get("template").measured(), totals.get("baseline").measured());
                out.printf(Locale.ROOT, "run %d/%d (%s first, %d slices each): template %.0f req/s p50 %.3f ms "
                                + "p99 %.3f ms (%d answered, %.1f us CPU/req), baseline %.0f req/s p50 %.3f ms "
                                + "p99 %.3f ms (%d answered, %.1f us CPU/req), p50 ratio %.3f%n",
                        runIndex, options.runs(), order.get(0).name(), sizes.size(),
                        run.template().rate(), run.template().p50Millis(), run.template().p99Millis(),
                        run.template().answered(), run.template().cpuMicrosPerRequest(),
                        run.baseline().rate(), run.baseline().p50Millis(), run.baseline().p99Millis(),
                        run.baseline().answered(), run.baseline().cpuMicrosPerRequest(), run.p50Ratio());
                if (options.cpuBreakdown()) {
                    out.println("  template CPU us/req: " + totals.get("template").cpu.perMessage());
                    out.println("  baseline CPU us/req: " + totals.get("baseline").cpu.perMessage());
                }
                out.flush();
                return run;
            }
        }
    }

    private static void slice(Side side, BenchOptions options, int count, byte[] payload, Totals totals)
            throws Exception {
        if (count == 0) {
            return;
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
    }
}
