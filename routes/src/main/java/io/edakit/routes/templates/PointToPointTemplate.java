package io.edakit.routes.templates;

import java.util.List;

import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.routes.catalog.TemplateDescriptor;
import org.apache.camel.builder.RouteBuilder;

/** Asynchronous point-to-point queue: competing consumers hand each message to a handler. */
public final class PointToPointTemplate implements EdakitTemplate {

    public static final String ID = "point-to-point";

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Asynchronous point-to-point queue",
            "Consumes a channel with N concurrent consumers and hands each message to a handler. A message is "
                    + "acknowledged only after the handler finished; if the handler fails, the message is "
                    + "delivered again. Optional rate limit; messages with the same ordering key are handled in "
                    + "the order they were sent.",
            List.of(
                    Parameters.channel("Channel to consume.", "orders"),
                    Parameters.handler("Where each message goes."),
                    Parameters.group(),
                    Parameters.concurrentConsumers(1),
                    Parameters.maxInFlight(),
                    ParameterSpec.builder("rate-limit", ParameterType.NUMBER).defaultValue(0)
                            .description("Messages per second this instance hands to the handler, at most. "
                                    + "0: no limit.").example(50).build(),
                    ParameterSpec.builder("ordering-key", ParameterType.STRING).defaultValue("")
                            .description("Header holding the ordering key: messages with the same value are "
                                    + "handled one after another. Empty: the key the message was sent with "
                                    + "(the ingress template's ordering-key), if any.")
                            .example("ce_partitionkey").build()));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void define(RouteBuilder builder) {
        TemplateSupport.from(TemplateSupport.declare(builder, DESCRIPTOR), DESCRIPTOR,
                "channel:{{channel}}?group={{group}}&concurrentConsumers={{concurrentConsumers}}"
                        + "&maxInFlight={{maxInFlight}}&rateLimit={{rateLimit}}&orderingKey={{orderingKey}}")
                .to("{{handler}}");
    }
}
