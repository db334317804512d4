package io.edakit.routes.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.edakit.config.ParameterSpec;
import io.edakit.routes.support.ContextBeans;
import org.apache.camel.CamelContext;
import org.apache.camel.RouteTemplateContext;

/**
 * The channels where a template instance sets messages aside for an operator: its
 * {@code dead-letter-channel} (every template that dead-letters has one: {@code <channel>.dlq},
 * {@code <saga>.dlq}, the sender-router's {@code unrouted}, the event bus's {@code <bus>.dlq} ...)
 * and, with {@code ordering=late}, {@code <channel>.late}. Declared here once and read two ways:
 * a running application registers the channels of each instance it creates (whatever created it:
 * properties, YAML, Java), and the {@code dlq} command reads them from the configuration files.
 */
public final class DeadLetterChannels {

    private static final String REGISTRY_BEAN = "edakitDeadLetterChannels";
    private static final String ORDERING = "ordering";
    private static final String LATE = "late";

    private DeadLetterChannels() {
    }

    /**
     * The channels of an instance whose parameter values (by key, defaults applied, references
     * resolved) {@code values} gives; {@code declared} tells whether the instance's template has a
     * parameter (by key). The idempotency glue, a layer above, declares {@code ordering}: this
     * class knows its word {@code late} only, not the parameter, so the layers stay downwards.
     */
    static List<String> of(Function<String, String> values, Predicate<String> declared) {
        List<String> channels = new ArrayList<>();
        String deadLetterChannel = declared.test(DeadLetterSupport.DEAD_LETTER_CHANNEL.key())
                ? DeadLetterSupport.DEAD_LETTER_CHANNEL.value(values) : "";
        if (!deadLetterChannel.isBlank()) {
            channels.add(deadLetterChannel);
        }
        if (declared.test(ORDERING) && LATE.equalsIgnoreCase(String.valueOf(values.apply(ORDERING)).trim())) {
            channels.add(Parameters.CHANNEL.value(values) + ".late");
        }
        return channels;
    }

    /**
     * The channels of an instance of {@code template} configured with {@code configured} (camelCase
     * parameter names). The caller finds the template (in the catalog), so that this class, which
     * every template uses, does not have to know them all.
     */
    public static List<String> of(TemplateDescriptor template, Map<String, String> configured) {
        UnaryOperator<String> raw = name -> configured.containsKey(name) ? configured.get(name)
                : template.parameter(name).map(ParameterSpec::defaultValue).orElse("");
        return of(name -> TemplateSupport.resolved(raw, name), key -> template.param(key).isPresent());
    }

    /** The channels the instances created in {@code context} so far registered. */
    public static Set<String> registered(CamelContext context) {
        return Set.copyOf(registry(context));
    }

    /** Registers the channels of the instance being created. */
    static void register(RouteTemplateContext context) {
        // every parameter the template declares is there, given or defaulted
        registry(context.getCamelContext()).addAll(of(TemplateSupport.values(context),
                key -> context.getParameters().containsKey(key)));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> registry(CamelContext context) {
        return ContextBeans.getOrCreate(context, REGISTRY_BEAN, Set.class, ConcurrentHashMap::newKeySet);
    }
}
