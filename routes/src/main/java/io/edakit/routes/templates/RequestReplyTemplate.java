package io.edakit.routes.templates;

import static io.edakit.routes.templates.TemplateSupport.value;

import java.util.List;

import io.edakit.channel.RemoteHandlerException;
import io.edakit.config.Bounds;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.routes.catalog.TemplateDescriptor;
import io.edakit.routes.support.JsonResponses;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/** The requesting side of synchronous request-reply. */
public final class RequestReplyTemplate implements EdakitTemplate {

    public static final String ID = "request-reply";

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Synchronous request-reply (requester)",
            "Takes a request from any Camel endpoint (typically an HTTP path), sends it over a channel to a "
                    + "responder and answers the caller with the reply. Each application instance has its own "
                    + "reply queue, so replies always reach the instance, and the caller, that asked. No reply "
                    + "within the timeout: HTTP 504 with a JSON error; the responder's handler failed: HTTP 502. "
                    + "A reply arriving after its timeout is discarded and counted, never given to another caller.",
            List.of(
                    Parameters.source("platform-http:/quotes"),
                    Parameters.channel("Channel the requests go to (a responder consumes it).", "quotes"),
                    ParameterSpec.builder("timeout", ParameterType.INTEGER).bounds(Bounds.atLeast(1)).defaultValue(5000)
                            .description("Milliseconds to wait for the reply.").example(2000).build(),
                    Parameters.eventSource(),
                    Parameters.eventType("quote.requested"),
                    Parameters.keepHeaders(),
                    Parameters.persistent(false, "Requests are usually transient: the caller waits and retries; "
                            + "non-persistent requests answer several times faster.")));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void define(RouteBuilder builder) {
        RouteTemplateDefinition template = TemplateSupport.declare(builder, DESCRIPTOR);
        TemplateSupport.processor(template, "prepare", IngressTemplate::preparation);
        TemplateSupport.processor(template, "timedOut",
                context -> JsonResponses.error(504, "timeout", value(context, "channel")));
        TemplateSupport.processor(template, "handlerFailed",
                context -> JsonResponses.error(502, "handler-failed", value(context, "channel")));
        TemplateSupport.from(template, DESCRIPTOR, "{{from}}")
                .onException(ExchangeTimedOutException.class).handled(true).process("{{timedOut}}").end()
                .onException(RemoteHandlerException.class).handled(true).process("{{handlerFailed}}").end()
                .process("{{prepare}}")
                .to(ExchangePattern.InOut, "channel:{{channel}}?requestTimeout={{timeout}}&persistent={{persistent}}");
    }
}
