package io.edakit.routes.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.edakit.config.Param;
import io.edakit.config.ParameterSpec;
import io.edakit.routes.idempotency.OrderingMode;
import io.edakit.routes.catalog.TemplateDescriptor;
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

    /**
     * The channels of an instance whose parameter values (by key, defaults applied, references
     * resolved) {@code values} gives; {@code declared} tells whether the instance's template has a parameter.
     */
    static List<String> of(Function<String, String> values, Predicate<Param<?>> declared) {
        List<String> channels = new ArrayList<>();
        String deadLetterChannel = declared.test(DeadLetterSupport.DEAD_LETTER_CHANNEL)
                ? DeadLetterSupport.DEAD_LETTER_CHANNEL.value(values) : "";
        if (!deadLetterChannel.isBlank()) {
            channels.add(deadLetterChannel);
        }
        if (declared.test(IdempotencySupport.ORDERING) && late(values)) {
            channels.add(Parameters.CHANNEL.value(values) + ".late");
        }
        return channels;
    }

    private static boolean late(Function<String, String> values) {
        try {
            return IdempotencySupport.ORDERING.value(values) == OrderingMode.LATE;
        } catch (IllegalArgumentException e) {
            return false; // not a word the template accepts: the validator says so, and no instance starts with it
        }
    }

    /**
     * The channels of an instance of template {@code templateId} configured with {@code configured}
     * (camelCase parameter names); none for an unknown template.
     */
    public static List<String> of(String templateId, Map<String, String> configured) {
        Optional<TemplateDescriptor> template = TemplateRegistry.ALL.stream().map(EdakitTemplate::descriptor)
                .filter(descriptor -> descriptor.id().equals(templateId)).findFirst();
        if (template.isEmpty()) {
            return List.of();
        }
        UnaryOperator<String> raw = name -> configured.containsKey(name) ? configured.get(name)
                : template.get().parameter(name).map(ParameterSpec::defaultValue).orElse("");
        return of(name -> TemplateSupport.resolved(raw, name), parameter -> template.get().param(parameter.key()).isPresent());
    }

    /** The channels the instances created in {@code context} so far registered. */
    public static Set<String> registered(CamelContext context) {
        return Set.copyOf(registry(context));
    }

    /** Registers the channels of the instance being created. */
    static void register(RouteTemplateContext context) {
        // every parameter the template declares is there, given or defaulted
        registry(context.getCamelContext()).addAll(of(TemplateSupport.values(context),
                parameter -> context.getParameters().containsKey(parameter.key())));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> registry(CamelContext context) {
        synchronized (context) {
            Set<String> channels = context.getRegistry().lookupByNameAndType(REGISTRY_BEAN, Set.class);
            if (channels == null) {
                channels = ConcurrentHashMap.newKeySet();
                context.getRegistry().bind(REGISTRY_BEAN, Set.class, channels);
            }
            return channels;
        }
    }
}
