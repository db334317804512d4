package io.edakit.app.console;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.edakit.routes.metrics.TemplateMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The last {@value #SAMPLES} readings of every template instance's counters and processing time
 * (and of every event-bus rule's matches),
 * one every {@value #EVERY_SECONDS} s, so the console draws the last minutes as soon as it opens.
 * It reads the meters the instances publish anyway ({@code edakit_messages_total},
 * {@code edakit_processing_seconds}): the page takes rates and mean latency from the differences
 * between readings. About 60 small maps per instance; one reading costs a registry look-up.
 */
final class MetricsHistory extends ServiceSupport {

    static final int SAMPLES = 60;
    static final int EVERY_SECONDS = 5;

    private final CamelContext context;
    private final Deque<JsonObject> samples = new ArrayDeque<>();
    private ScheduledExecutorService timer;

    MetricsHistory(CamelContext context) {
        this.context = context;
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "edakit-console-metrics");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::sample, 0, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /**
     * The readings, oldest first (the newest at most {@value #EVERY_SECONDS} s old: one taken now would
     * make a rate of a fraction of an interval).
     */
    synchronized JsonArray readings() {
        JsonArray array = new JsonArray(samples);
        if (array.isEmpty()) {
            array.add(reading());
        }
        return array;
    }

    private synchronized void sample() {
        samples.addLast(reading());
        while (samples.size() > SAMPLES) {
            samples.removeFirst();
        }
    }

    /** {"t": millis, "instances": {route: {template, received, completed, ..., count, seconds}}}. */
    private JsonObject reading() {
        Map<String, JsonObject> instances = new TreeMap<>();
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry != null) {
            for (Counter counter : registry.find(TemplateMetrics.MESSAGES).counters()) {
                String route = counter.getId().getTag(TemplateMetrics.TAG_ROUTE);
                JsonObject instance = instances.computeIfAbsent(route, r -> new JsonObject());
                instance.put("template", counter.getId().getTag(TemplateMetrics.TAG_TEMPLATE));
                instance.put(counter.getId().getTag(TemplateMetrics.TAG_OUTCOME), (long) counter.count());
            }
            for (Timer timer : registry.find(TemplateMetrics.PROCESSING).timers()) {
                JsonObject instance = instances.get(timer.getId().getTag(TemplateMetrics.TAG_ROUTE));
                if (instance != null) {
                    instance.put("count", timer.count());
                    instance.put("seconds", timer.totalTime(TimeUnit.SECONDS));
                }
            }
        }
        Map<String, Long> rules = new TreeMap<>();
        if (registry != null) {
            for (Counter counter : registry.find(TemplateMetrics.BUS_RULE_MATCHES).counters()) {
                rules.put(counter.getId().getTag(TemplateMetrics.TAG_ROUTE) + " / "
                        + counter.getId().getTag(TemplateMetrics.TAG_RULE), (long) counter.count());
            }
        }
        JsonObject reading = new JsonObject();
        reading.put("t", System.currentTimeMillis());
        reading.put("instances", new JsonObject(instances));
        reading.put("rules", new JsonObject(rules));
        return reading;
    }
}
