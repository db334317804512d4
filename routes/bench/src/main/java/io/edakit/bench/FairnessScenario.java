package io.edakit.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.edakit.fairness.FairLanes;
import io.edakit.fairness.FairnessPolicy;
import io.edakit.fairness.FairnessRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code bench fairness}: tenant A bursts N messages (raw client, pipelined) while B-E send 50 msg/s
 * each through a {@code channel:} producer, once with fairness off (one queue) and once on (lanes
 * and the scheduler), in one run. The quiet tenants' dwell is send to handler (the target),
 * printed also split at the broker's confirmation ({@link QuietTimes}); throughput is what
 * was handled over the time A's burst took to drain. Then x, y, z with weights 3:1:1, all
 * backlogged behind a 0.2 ms handler (weights divide a busy consumer; an idle one serves everyone at
 * once), give the weight error (largest |share - expected|). The tenant is the payload
 * ({@code ${bodyAs(String)}}), because the raw feeder sends no headers.
 */
final class FairnessScenario {

    private static final String QUIET_ID = "bench-quiet-id";
    private static final List<String> QUIET = List.of("B", "C", "D", "E");
    private static final int QUIET_RATE = 50;
    private static final String KEY = "fairnessKey=RAW(${bodyAs(String)})";

    private FairnessScenario() {
    }

    /** {@code quietStoredP99Millis}: from the broker's confirmation (stored) to the handler. */
    record Phase(double quietP99Millis, double quietStoredP99Millis, double throughput, long handled) {
    }

    static String run(BenchTransport transport, BenchOptions options, PrintWriter out) throws Exception {
        Phase off = phase(transport, options, false, out);
        Phase on = phase(transport, options, true, out);
        double weightError = weights(transport, options, out);
        return String.format(java.util.Locale.ROOT,
                "RESULT fairness %s quiet_p99_ms_on=%.1f quiet_p99_ms_off=%.1f throughput_ratio=%.2f weight_error=%.3f"
                        + " stored_to_handler_p99_ms_on=%.1f stored_to_handler_p99_ms_off=%.1f",
                transport.name(), on.quietP99Millis(), off.quietP99Millis(), on.throughput() / off.throughput(), weightError,
                on.quietStoredP99Millis(), off.quietStoredP99Millis());
    }

    private static DefaultCamelContext context(BenchTransport transport) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.putAll(transport.edakitSettings());
        context.getPropertiesComponent().setInitialProperties(properties);
        return context;
    }

    private static Phase phase(BenchTransport transport, BenchOptions options, boolean fair, PrintWriter out)
            throws Exception {
        String channel = "fairness-" + (fair ? "on" : "off") + "-" + System.nanoTime();
        int burst = options.messages();
        AtomicLong handledA = new AtomicLong();
        AtomicLong firstNanos = new AtomicLong();
        AtomicLong lastANanos = new AtomicLong();
        AtomicLong handled = new AtomicLong();
        QuietTimes quiet = new QuietTimes();
        String options0 = "concurrentConsumers=" + options.consumers() + (fair ? "&" + KEY : "");
        try (DefaultCamelContext context = context(transport)) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("channel:" + channel + "?" + options0).routeId("bench-fairness").process(e -> {
                        long now = System.nanoTime();
                        firstNanos.compareAndSet(0, now);
                        handled.incrementAndGet();
                        String id = e.getMessage().getHeader(QUIET_ID, String.class);
                        if (id != null) {
                            quiet.handled(Long.parseLong(id));
                        } else {
                            handledA.incrementAndGet();
                            lastANanos.set(now);
                        }
                    });
                }
            });
            context.start();
            ProducerTemplate producer = context.createProducerTemplate();
            String quietUri = "channel:" + channel + (fair ? "?" + KEY : "");
            // A: a fairness-aware producer would write straight into A's lane; the raw feeder does the same
            String burstChannel = fair ? FairLanes.laneChannel(channel, FairLanes.laneOf("A", FairnessPolicy.DEFAULT_LANES))
                    : channel;
            try (BenchTransport.Feeder feeder = transport.feeder()) {
                long start = System.nanoTime();
                Thread burstThread = new Thread(() -> {
                    try {
                        feeder.send(burstChannel, burst, "A".getBytes(StandardCharsets.UTF_8));
                        feeder.awaitConfirmed(Duration.ofMinutes(5));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "bench-burst");
                burstThread.start();
                long quietSent = 0;
                long tickNanos = TimeUnit.SECONDS.toNanos(1) / QUIET_RATE;
                long next = System.nanoTime();
                List<java.util.concurrent.CompletableFuture<?>> sends = new ArrayList<>();
                while (handledA.get() < burst) {
                    for (String tenant : QUIET) {
                        long id = quiet.sending(feeder.unconfirmed());
                        sends.add(producer.asyncSend(quietUri, e -> {
                            e.getIn().setBody(tenant);
                            e.getIn().setHeader(QUIET_ID, Long.toString(id));
                        }).whenComplete((ignored, failure) -> quiet.confirmed(id)));
                        quietSent++;
                    }
                    next += tickNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait); // the load's pace, not a wait for a result
                    }
                    if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
                        throw new IllegalStateException("A's burst did not drain within 10 minutes");
                    }
                }
                burstThread.join();
                for (java.util.concurrent.CompletableFuture<?> s : sends) {
                    s.get(1, TimeUnit.MINUTES);
                }
                long expected = burst + quietSent;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (handled.get() < expected && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                double seconds = (lastANanos.get() - firstNanos.get()) / 1e9;
                double throughput = (handled.get()) / Math.max(seconds, 1e-3);
                double[] dwell = quiet.endToEndMillis();
                double p99 = QuietTimes.percentile(dwell, 0.99);
                double[] confirm = quiet.confirmMillis();
                double[] stored = quiet.storedToHandlerMillis();
                long[] ahead = quiet.burstUnconfirmed();
                out.printf(java.util.Locale.ROOT, "fairness %-3s %s: burst %d + quiet %d sent, %d handled; burst drained in "
                                + "%.1f s (%.0f msg/s); quiet dwell (send to handler) p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        fair ? "on" : "off", transport.name(), burst, quietSent, handled.get(), seconds, throughput,
                        QuietTimes.percentile(dwell, 0.50), p99, QuietTimes.percentile(dwell, 1.0));
                out.printf(java.util.Locale.ROOT, "  of which send to the broker's confirmation (stored) p50 %.1f ms, p99 %.1f ms; "
                                + "confirmation to handler p50 %.1f ms, p99 %.1f ms%n",
                        QuietTimes.percentile(confirm, 0.50), QuietTimes.percentile(confirm, 0.99),
                        QuietTimes.percentile(stored, 0.50), QuietTimes.percentile(stored, 0.99));
                out.printf(java.util.Locale.ROOT, "  A's sends not yet confirmed when a quiet message was sent: p50 %d, p99 %d%n",
                        QuietTimes.percentile(ahead, 0.50), QuietTimes.percentile(ahead, 0.99));
                if (fair) {
                    where(channel, out);
                }
                out.flush();
                return new Phase(p99, QuietTimes.percentile(stored, 0.99), throughput, handled.get());
            }
        }
    }

    /**
     * Where the quiet tenants' dwell went, as the scheduler saw it: from send to release, and the
     * scheduler's own part (from being read off the broker to release); the rest is the broker and
     * the transit before, and the dispatch to the handler after.
     */
    private static void where(String channel, PrintWriter out) {
        FairnessRegistry.of(channel).ifPresent(receiver -> receiver.tenants().stream()
                .filter(t -> QUIET.contains(t.tenant()))
                .forEach(t -> out.printf(java.util.Locale.ROOT, "  %s: send to release p50 %.1f ms, p99 %.1f ms; "
                                + "in the scheduler p99 %.2f ms%n", t.tenant(), t.dwellP50Millis(), t.dwellP99Millis(),
                        t.scheduledP99Millis())));
    }

    /** x, y, z weighted 3:1:1 and all backlogged: the largest distance of a share from its weight's. */
    private static double weights(BenchTransport transport, BenchOptions options, PrintWriter out) throws Exception {
        String channel = "fairness-weights-" + System.nanoTime();
        int each = Math.max(1_000, Math.min(5_000, options.messages() / 40));
        Map<String, Double> expected = Map.of("x", 0.6, "y", 0.2, "z", 0.2);
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        AtomicLong total = new AtomicLong();
        Map<String, Long> window = new HashMap<>();
        try (DefaultCamelContext context = context(transport);
             BenchTransport.Feeder feeder = transport.feeder()) {
            for (String tenant : expected.keySet()) {
                transport.prepareChannel(FairLanes.laneChannel(channel, FairLanes.laneOf(tenant, FairnessPolicy.DEFAULT_LANES)));
                feeder.send(FairLanes.laneChannel(channel, FairLanes.laneOf(tenant, FairnessPolicy.DEFAULT_LANES)), each,
                        tenant.getBytes(StandardCharsets.UTF_8));
            }
            feeder.awaitConfirmed(Duration.ofMinutes(5));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("channel:" + channel + "?concurrentConsumers=" + options.consumers() + "&" + KEY
                            + "&fairnessCost=count&fairnessWeights=x=3,y=1,z=1").process(e -> {
                                // a handler that takes time: weights share a busy consumer; an idle one serves all at once
                                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                                String tenant = e.getMessage().getBody(String.class);
                                long n = counts.computeIfAbsent(tenant, t -> new AtomicLong()).incrementAndGet();
                                total.incrementAndGet();
                                if (n == each) {
                                    synchronized (window) {
                                        if (window.isEmpty()) { // the first tenant to run out ends the backlogged window
                                            counts.forEach((t, c) -> window.put(t, c.get()));
                                        }
                                    }
                                }
                            });
                }
            });
            context.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (total.get() < 3L * each && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
        long sum = window.values().stream().mapToLong(Long::longValue).sum();
        double error = 0;
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            double share = sum == 0 ? 0 : window.getOrDefault(e.getKey(), 0L) / (double) sum;
            error = Math.max(error, Math.abs(share - e.getValue()));
        }
        out.printf(java.util.Locale.ROOT, "fairness weights 3:1:1 %s: %s while all were backlogged, largest share error %.3f%n",
                transport.name(), window, error);
        out.flush();
        return error;
    }
}
