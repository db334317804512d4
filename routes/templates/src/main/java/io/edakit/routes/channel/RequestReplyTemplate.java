package io.edakit.routes.channel;

import static io.edakit.routes.templates.Parameters.CHANNEL;
import static io.edakit.routes.templates.TemplateSupport.value;

import io.edakit.routes.templates.DeadLetterSupport;
import java.time.Duration;
import java.util.List;

import io.edakit.channel.RemoteHandlerException;
import io.edakit.config.Bounds;
import io.edakit.config.Param;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.support.JsonResponses;
import io.edakit.routes.support.ReplyHeaders;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.EntryRejection;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.TemplateSupport;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/** The requesting side of synchronous request-reply. */
public final class RequestReplyTemplate implements EdakitTemplate {

    public static final String ID = "request-reply";

    public static final Param<Duration> TIMEOUT = Param.duration("timeout").defaultValue("5s")
            .description("How long to wait for the reply.").example("2s").build();
    public static final Param<String> REPLY_HEADERS = Param.string("reply-headers").defaultValue("")
            .description("Headers of the reply, besides its envelope and Content-Type, that the "
                    + "caller gets: comma-separated names or wildcards. Others, such as the "
                    + "responder's own HTTP response headers, stay behind.")
            .example("x-quote-*").build();

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Synchronous request-reply (requester)",
            "Takes a request from any Camel endpoint (typically an HTTP path), sends it over a channel to a "
                    + "responder and answers the caller with the reply. Each application instance has its own "
                    + "reply queue, so replies always reach the instance, and the caller, that asked. No reply "
                    + "within the timeout: HTTP 504 with a JSON error; the responder's handler failed: HTTP 502. "
                    + "A reply arriving after its timeout is discarded and counted, never given to another caller. "
                    + "The caller gets the reply's body, its envelope (an HTTP caller as ce-* headers, a binary-mode "
                    + "CloudEvent), its Content-Type and the reply-headers, nothing else: not the responder's own "
                    + "headers (an HTTP handler's Server, Set-Cookie ...). A request whose envelope breaks the "
                    + "envelope rules is not sent: HTTP 400, and the request is kept in the dead-letter channel.",
            List.of(
                    Parameters.source("platform-http:/quotes"),
                    Parameters.channel("Channel the requests go to (a responder consumes it).", "quotes"),
                    TIMEOUT,
                    Parameters.EVENT_SOURCE,
                    Parameters.eventType("quote.requested"),
                    Parameters.KEEP_HEADERS,
                    REPLY_HEADERS,
                    DeadLetterSupport.DEAD_LETTER_CHANNEL.describedAs("Channel that keeps requests which were not "
                                    + "sent because their envelope is invalid, with the reason in failure headers (the caller gets 400). They "
                                    + "name no channel to send them back to: nobody waits for their reply any more.",
                            "quotes.dlq"),
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
                context -> JsonResponses.error(504, "timeout", value(context, CHANNEL)));
        TemplateSupport.processor(template, "handlerFailed",
                context -> JsonResponses.error(502, "handler-failed", value(context, CHANNEL)));
        TemplateSupport.processor(template, "replyFilter", context -> new ReplyHeaders(value(context, REPLY_HEADERS)));
        EntryRejection.apply(template, TemplateSupport.from(template, DESCRIPTOR, Parameters.FROM.placeholder()),
                        "invalid-event", context -> "")
                .onException(ExchangeTimedOutException.class).handled(true).process("{{timedOut}}").end()
                .onException(RemoteHandlerException.class).handled(true).process("{{handlerFailed}}").end()
                .process("{{prepare}}")
                // the channel reads the timeout as a duration, as Durations does
                .to(ExchangePattern.InOut, "channel:" + CHANNEL.placeholder() + "?requestTimeout=" + TIMEOUT.placeholder()
                        + "&persistent=" + Parameters.PERSISTENT.placeholder())
                .process("{{replyFilter}}");
    }
}
