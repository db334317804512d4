package io.edakit.bench;

import java.util.Map;

/**
 * What one benchmark invocation measures.
 *
 * @param template          {@code point-to-point} or {@code request-reply}
 * @param transport         {@code artemis} or {@code kafka}
 * @param messages          messages (point-to-point) or requests (request-reply) measured per side and run
 * @param consumers         consumers on both sides (template concurrent-consumers, raw sessions / consumers)
 * @param size              payload bytes
 * @param warmup            messages or requests per side before measuring, not measured
 * @param runs              runs, each on its own fresh broker; the median is reported
 * @param slices            slices each side's N is measured in, alternating between the sides (ABBA)
 * @param callers           request-reply: concurrent callers
 * @param bootstrapServers  Kafka: an existing cluster instead of an embedded one (null: embedded)
 * @param metrics           whether the template side has a meter registry (as the runnable jar has)
 * @param parameters        extra template parameters (dashed or camelCase)
 * @param settings          extra {@code edakit.*} settings for the template side
 * @param cpuBreakdown      whether to print each side's CPU per message by thread role
 * @param store             idempotent-consumer: the store under test, {@code memory} or {@code jdbc}
 * @param warmupRounds      warm-up rounds at most, before measuring regardless
 * @param steadyPercent     warm-up ends once every side's rate moved less than this from its previous round's
 * @param sliceSeconds      a slice lasts at least this long at the fastest side's warm-up pace (0: N / slices)
 * @param camel             whether point-to-point and request-reply also measure the plain Camel route
 * @param stateEvents       event-store: events of the long stream states are read from (0: 10 x messages)
 */
record BenchOptions(String template, String transport, int messages, int consumers, int size, int warmup, int runs,
                    int slices, int callers, String bootstrapServers, boolean metrics, Map<String, String> parameters,
                    Map<String, String> settings, boolean cpuBreakdown, String store, int warmupRounds,
                    double steadyPercent, double sliceSeconds, boolean camel, int stateEvents) {

    static final String POINT_TO_POINT = "point-to-point";
    static final String REQUEST_REPLY = "request-reply";
    static final String EVENT_BUS = "event-bus";
    static final String IDEMPOTENT_CONSUMER = "idempotent-consumer";
    static final String SAGA = "saga";
    static final String EVENT_STORE = "event-store";
    static final String WORKFLOW = "workflow";
    static final String FAIRNESS = "fairness";
    static final String REPLAY = "replay";
    static final java.util.List<String> TEMPLATES = java.util.List.of(POINT_TO_POINT, REQUEST_REPLY, EVENT_BUS,
            IDEMPOTENT_CONSUMER, SAGA, EVENT_STORE, WORKFLOW, FAIRNESS,
            REPLAY);

    /** The same options with more {@code edakit.*} settings for the template side. */
    BenchOptions withSettings(Map<String, String> more) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(settings);
        merged.putAll(more);
        return new BenchOptions(template, transport, messages, consumers, size, warmup, runs, slices, callers,
                bootstrapServers, metrics, parameters, merged, cpuBreakdown, store, warmupRounds, steadyPercent,
                sliceSeconds, camel, stateEvents);
    }

    BenchOptions {
        parameters = Map.copyOf(parameters);
        settings = Map.copyOf(settings);
        if (messages < 1 || consumers < 1 || size < 0 || warmup < 0 || runs < 1 || slices < 1 || callers < 1
                || warmupRounds < 1 || steadyPercent <= 0 || sliceSeconds < 0 || stateEvents < 0) {
            throw new IllegalArgumentException("--messages, --consumers, --runs, --slices, --callers and "
                    + "--warmup-rounds must be at least 1, --size, --warmup, --slice-seconds and --state-events at least 0, --steady "
                    + "above 0");
        }
    }
}
