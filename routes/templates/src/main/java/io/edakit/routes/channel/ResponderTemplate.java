package io.edakit.routes.channel;

import java.util.List;

import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.templates.TemplateSupport;
import org.apache.camel.builder.RouteBuilder;

/** The answering side of request-reply. */
public final class ResponderTemplate implements EdakitTemplate {

    public static final String ID = "responder";

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Request-reply responder",
            "Consumes requests from a channel, calls a handler, and sends the handler's result back to the "
                    + "requester that asked (its own reply address, with the request's correlation id). If the "
                    + "handler fails, the requester gets the error at once instead of waiting for its timeout.",
            List.of(
                    Parameters.channel("Channel the requests arrive on.", "quotes"),
                    Parameters.handler("Computes the reply: the message it leaves is sent back."),
                    Parameters.concurrentConsumers(4),
                    Parameters.MAX_IN_FLIGHT));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void define(RouteBuilder builder) {
        TemplateSupport.from(TemplateSupport.declare(builder, DESCRIPTOR), DESCRIPTOR,
                "channel:" + Parameters.CHANNEL.placeholder()
                        + "?concurrentConsumers=" + Parameters.CONCURRENT_CONSUMERS.placeholder()
                        + "&maxInFlight=" + Parameters.MAX_IN_FLIGHT.placeholder())
                .to(Parameters.HANDLER.placeholder());
    }
}
