package io.edakit.routes.templates;

import java.util.List;

import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.routes.catalog.TemplateDescriptor;
import io.edakit.routes.idempotency.IdempotencyGuard;
import io.edakit.routes.support.HandlerCall;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Point-to-point consumption with exactly-once effect: duplicates (same key within a window) are
 * acknowledged without calling the handler, and optionally events older than the last one handled
 * in their scope are skipped or set aside. See {@link IdempotencyGuard} for how claims survive
 * retries and failures.
 */
public final class IdempotentConsumerTemplate implements EdakitTemplate {

    public static final String ID = "idempotent-consumer";

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Idempotent consumer",
            "Consumes a channel like point-to-point, but hands each message key to the handler once per time "
                    + "window: a duplicate (same key, e.g. a redelivery or a re-sent event) is acknowledged, not "
                    + "handled, and counted as dropped. A message that fails or is dead-lettered gives its key back, "
                    + "so its redelivery or redrive is handled. Optionally guards against stale events: an event whose "
                    + "position is not greater than the last one handled in its scope is skipped (dropped) or sent "
                    + "to the channel <channel>.late. Keys live in memory or, shared by every instance, in H2 or "
                    + "PostgreSQL (edakit.idempotency.*).",
            TemplateSupport.parameters(List.of(
                    Parameters.channel("Channel to consume.", "payments"),
                    Parameters.handler("Where each first-seen message goes."),
                    Parameters.group(),
                    Parameters.concurrentConsumers(1),
                    Parameters.maxInFlight(),
                    ParameterSpec.builder("ordering-key", ParameterType.STRING).defaultValue("")
                            .description("Header holding the ordering key: messages with the same value are "
                                    + "handled one after another. Empty: the key the message was sent with. Use the "
                                    + "ordering scope's header when ordering is on.")
                            .example("ce_subject").build()),
                    IdempotencySupport.PARAMETERS,
                    SchemaSupport.parameters(false, "when it is consumed"),
                    DeadLetterSupport.PARAMETERS));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void define(RouteBuilder builder) {
        RouteTemplateDefinition template = TemplateSupport.declare(builder, DESCRIPTOR);
        TemplateSupport.processor(template, "handlerCall",
                context -> new HandlerCall(context.getCamelContext(), TemplateSupport.value(context, "handler")));
        RouteDefinition route = TemplateSupport.from(template, DESCRIPTOR,
                "channel:{{channel}}?group={{group}}&concurrentConsumers={{concurrentConsumers}}"
                        + "&maxInFlight={{maxInFlight}}&orderingKey={{orderingKey}}");
        TemplateSupport.processor(template, "schemaCheck", SchemaSupport::check);
        IdempotencySupport.guard(template, DeadLetterSupport.apply(template, route).process("{{schemaCheck}}"), true)
                .process("{{handlerCall}}");
    }
}
