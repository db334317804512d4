package io.edakit.routes.idempotency;

import io.edakit.routes.templates.Parameters;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.edakit.config.Param;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.routes.templates.TemplateSupport;
import io.edakit.transport.ChannelAddress;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.Builder;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * De-duplication and the stale-event guard, for the idempotent-consumer template (always on) and
 * as an option ({@code idempotent=true}) of point-to-point: the same parameters and behaviour.
 * See {@link IdempotencyGuard} for how claims survive retries and failures.
 */
public final class IdempotencySupport {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencySupport.class);

    /** The switch of templates where de-duplication is an option. */
    public static final Param<Boolean> OPTION = Param.bool("idempotent").defaultValue(false)
            .description("Hand each message key to the handler once per window, as the idempotent-consumer template "
                    + "does (parameters key, window, ordering ...); duplicates are acknowledged and counted as dropped.")
            .example(true).build();

    public static final Param<String> KEY = Param.expression("key").defaultValue("${header.ce_id}")
            .description("Camel simple expression giving the de-duplication key. A message without "
                    + "a key goes to the dead-letter channel at once.")
            .example("${header.ce_source}/${header.ce_id}").build();
    public static final Param<Duration> WINDOW = Param.duration("window").defaultValue("1h")
            .description("How long a key is remembered after it was claimed: a message with the "
                    + "same key within the window is a duplicate, after it a new message. "
                    + "Units ms, s, m, h, d.")
            .example("7d").build();
    public static final Param<OrderingMode> ORDERING = Param.choice("ordering", OrderingMode.class, "off", "skip", "late")
            .defaultValue("off")
            .description("Stale-event guard. off: none. skip: an event whose position is not greater "
                    + "than the last one handled in its scope is acknowledged and counted as dropped. "
                    + "late: such an event is sent to the channel <channel>.late instead.")
            .example("skip").build();
    public static final Param<String> ORDERING_SCOPE = Param.expression("ordering-scope").defaultValue("${header.ce_subject}")
            .description("Camel simple expression naming the scope positions are compared in "
                    + "(an order, an account). An event without a scope is not checked.")
            .example("${header.ce_partitionkey}").build();
    public static final Param<String> ORDERING_POSITION = Param.expression("ordering-position").defaultValue("${header.ce_time}")
            .description("Camel simple expression giving the event's position in its scope: a whole "
                    + "number (sequence, version), or an RFC 3339 time such as the envelope's time, "
                    + "compared as epoch milliseconds. Missing or unreadable: dead-lettered at once.")
            .example("${header.sequence}").build();
    public static final Param<Boolean> LOG_DUPLICATES = Param.bool("log-duplicates").defaultValue(false)
            .description("Log each dropped duplicate or stale event at INFO (otherwise DEBUG). "
                    + "They are always counted (edakit_messages_total, outcome dropped).").build();

    public static final List<Param<?>> PARAMETERS = List.of(KEY, WINDOW, ORDERING, ORDERING_SCOPE, ORDERING_POSITION,
            LOG_DUPLICATES);

    private IdempotencySupport() {
    }

    /**
     * Adds the guard before the handler: duplicates and stale events stop here (acknowledged,
     * counted as dropped); with ordering=late, stale events go to {@code <channel>.late}.
     *
     * @param always whether the guard is on whatever the {@link #OPTION} says
     */
    public static ProcessorDefinition<?> guard(RouteTemplateDefinition template, ProcessorDefinition<?> route, boolean always) {
        TemplateSupport.processor(template, "idempotencyGuard", context -> always
                || TemplateSupport.value(context, OPTION) ? guard(context) : exchange -> { });
        return route.process("{{idempotencyGuard}}")
                .filter(Builder.exchangeProperty(IdempotencyGuard.VERDICT).isEqualTo(IdempotencyGuard.LATE))
                    .to(TemplateSupport.ONE_WAY.formatted(Parameters.CHANNEL.placeholder() + ".late"))
                    .stop()
                .end();
    }

    private static Processor guard(RouteTemplateContext context) {
        CamelContext camel = context.getCamelContext();
        Function<String, String> values = TemplateSupport.values(context);
        String channel = Parameters.CHANNEL.value(values);
        String group = Parameters.GROUP.value(values);
        // instances consuming the same channel (and group) share keys: they compete for one stream
        String namespace = new ChannelAddress(channel, group).consumerGroupName();
        Duration window = WINDOW.value(values);
        IdempotencyStore store = IdempotencyStores.forNamespace(camel, namespace, window);
        scheduleEviction(camel, store, namespace, window);
        return new IdempotencyGuard(store, channel,
                camel.resolveLanguage("simple").createExpression(KEY.value(values)),
                window,
                ORDERING.value(values),
                camel.resolveLanguage("simple").createExpression(ORDERING_SCOPE.value(values)),
                camel.resolveLanguage("simple").createExpression(ORDERING_POSITION.value(values)),
                LOG_DUPLICATES.value(values),
                Clock.systemUTC());
    }

    /**
     * Deletes expired keys regularly (a quarter of the window, at most a minute apart), so the store
     * does not grow with every key ever seen. The executor stops with the Camel context.
     */
    static void scheduleEviction(CamelContext camel, IdempotencyStore store, String namespace, Duration window) {
        long periodMillis = Math.max(1_000, Math.min(window.toMillis() / 4, 60_000));
        ScheduledExecutorService executor = camel.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(store, "edakit-idempotency-eviction-" + namespace);
        executor.scheduleWithFixedDelay(() -> {
            try {
                int evicted = store.evictExpired(Clock.systemUTC().instant(), window);
                LOG.debug("evicted {} expired idempotency keys of {}", evicted, namespace);
            } catch (RuntimeException e) {
                LOG.warn("could not evict expired idempotency keys of {}: {}", namespace, e.getMessage());
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }
}
