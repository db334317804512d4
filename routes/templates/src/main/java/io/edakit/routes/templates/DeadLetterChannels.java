package io.edakit.routes.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    private DeadLetterChannels() {
    }

    /** The channels of an instance whose parameter values (defaults applied, references resolved) {@code value} gives. */
    static List<String> of(UnaryOperator<String> value) {
        List<String> channels = new ArrayList<>();
        String deadLetterChannel = value.apply("deadLetterChannel");
        if (!deadLetterChannel.isBlank()) {
            channels.add(deadLetterChannel);
        }
        if ("late".equals(value.apply("ordering"))) {
            channels.add(value.apply("channel") + ".late");
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
        return of(name -> TemplateSupport.resolved(raw, name));
    }

    /** The channels the instances created in {@code context} so far registered. */
    public static Set<String> registered(CamelContext context) {
        return Set.copyOf(registry(context));
    }

    /** Registers the channels of the instance being created. */
    static void register(RouteTemplateContext context) {
        registry(context.getCamelContext()).addAll(of(name -> TemplateSupport.value(context, name)));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> registry(CamelContext context) {
        return ContextBeans.getOrCreate(context, REGISTRY_BEAN, Set.class, ConcurrentHashMap::newKeySet);
    }
}
