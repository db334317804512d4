package io.edakit.routes.bus;

import static io.edakit.routes.templates.TemplateSupport.value;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import io.edakit.config.Bounds;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.failure.PoisonMessageException;
import io.edakit.routes.idempotency.IdempotencySupport;
import io.edakit.routes.templates.DeadLetterSupport;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.templates.TemplateSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/** Content-based event bus: rules over the envelope, fan-out to every matching rule's targets. */
public final class EventBusTemplate implements EdakitTemplate {

    public static final String ID = "event-bus";

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Content-based event bus with fan-out",
            "Consumes a bus channel and routes each event by its envelope attributes only (no payload is "
                    + "parsed), with rules from a YAML file: every matching rule delivers to its targets (channels "
                    + "or endpoints). Each target has its own retries and dead-letter handling, so a failing target "
                    + "neither blocks nor repeats delivery to the others. Unmatched events are dropped and counted, or "
                    + "sent to a default target, as the file says. The file is reloaded when it changes, atomically; "
                    + "a broken file is rejected with its error and the old rules stay. Pattern language: "
                    + "docs/event-patterns.md.",
            TemplateSupport.parameters(List.of(
                    Parameters.channel("The bus channel events are published to.", "events"),
                    ParameterSpec.builder("rules-file", ParameterType.STRING).required()
                            .description("YAML file with the rules (name, pattern, targets) and the unmatched policy.")
                            .example("config/event-bus-rules.yaml").build(),
                    Parameters.group(),
                    Parameters.concurrentConsumers(4),
                    Parameters.maxInFlight(),
                    ParameterSpec.builder("reload-interval", ParameterType.INTEGER).bounds(Bounds.atLeast(0)).defaultValue(2000)
                            .description("Milliseconds between checks of the rules file for changes. 0: never reload.")
                            .example(5000).build()),
                    List.of(IdempotencySupport.OPTION),
                    IdempotencySupport.PARAMETERS,
                    DeadLetterSupport.PARAMETERS));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<String> checkInstance(Function<String, String> values, CamelContext camel) {
        return EventBusFactory.problem(camel, Path.of(values.apply("rulesFile")))
                .map(problem -> List.of("'rules-file': " + problem)).orElse(List.of());
    }

    @Override
    public void define(RouteBuilder builder) {
        RouteTemplateDefinition template = TemplateSupport.declare(builder, DESCRIPTOR);
        TemplateSupport.processor(template, "eventBus", context -> EventBusFactory.create(context.getCamelContext(),
                Path.of(value(context, "rulesFile")), Long.parseLong(value(context, "reloadInterval")),
                DeadLetterSupport.targetPolicy(context)));
        TemplateSupport.processor(template, "deadLetterPreparer", DeadLetterSupport::preparer);
        RouteDefinition route = TemplateSupport.from(template, DESCRIPTOR, "channel:{{channel}}?group={{group}}"
                        + "&concurrentConsumers={{concurrentConsumers}}&maxInFlight={{maxInFlight}}");
        // an event the de-duplication cannot read (no key) goes to the dead-letter channel at once
        route.onException(PoisonMessageException.class).handled(true)
                .process("{{deadLetterPreparer}}").to(TemplateSupport.ONE_WAY.formatted("{{deadLetterChannel}}"))
                .end();
        IdempotencySupport.guard(template, route, false).process("{{eventBus}}");
    }
}
