package io.edakit.routes.channel;

import static io.edakit.routes.templates.Parameters.CHANNEL;
import static io.edakit.routes.templates.Parameters.EVENT_SOURCE;
import static io.edakit.routes.templates.Parameters.EVENT_TYPE;
import static io.edakit.routes.templates.Parameters.FROM;
import static io.edakit.routes.templates.Parameters.KEEP_HEADERS;
import static io.edakit.routes.templates.Parameters.PERSISTENT;
import static io.edakit.routes.templates.TemplateSupport.ONE_WAY;
import static io.edakit.routes.templates.TemplateSupport.value;

import java.util.List;

import io.edakit.config.Param;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.support.IngressPreparation;
import io.edakit.routes.support.JsonResponses;
import io.edakit.routes.templates.DeadLetterSupport;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.EntryRejection;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.SchemaSupport;
import io.edakit.routes.templates.TemplateSupport;
import org.apache.camel.Expression;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/** From any Camel endpoint into a channel, with a complete envelope. */
public final class IngressTemplate implements EdakitTemplate {

    public static final String ID = "ingress";

    /** An expression here, where the consumers' ordering-key is a header name: the entry decides the key. */
    static final Param<String> ORDERING_KEY = Param.expression("ordering-key").defaultValue("${header.ce_partitionkey}")
            .description("Camel simple expression giving each message's ordering key: messages "
                    + "with the same key are consumed in the order they were sent. Empty value: "
                    + "no key.").example("${header.ce_subject}").build();

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Ingress into a channel",
            "Takes messages from any Camel endpoint (HTTP path, file directory, timer ...) and sends them to a "
                    + "channel, stamping the envelope (id, time, source, type, specversion) where missing. The "
                    + "source is answered only after the broker confirmed the message: an HTTP caller gets 202 "
                    + "with the event id, a file is consumed only once it is safe. Accepts structured-mode "
                    + "CloudEvents JSON too. Events whose envelope breaks the envelope rules (specversion 1.0, id, source "
                    + "and type not empty, time RFC 3339), that violate their JSON Schema, or cannot be read, go to the "
                    + "dead-letter channel with every problem listed, bound for the channel (a redrive sends them "
                    + "on), and an HTTP caller gets 400 with them.",
            TemplateSupport.parameters(List.of(
                    Parameters.source("platform-http:/orders"),
                    Parameters.channel("Channel the messages go to.", "orders"),
                    Parameters.EVENT_SOURCE,
                    Parameters.eventType("order.created"),
                    ORDERING_KEY,
                    Parameters.KEEP_HEADERS,
                    Parameters.persistent(true, "Keep true unless losing events on a broker crash is acceptable."),
                    DeadLetterSupport.DEAD_LETTER_CHANNEL),
                    SchemaSupport.parameters(true, "before it is sent")));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void define(RouteBuilder builder) {
        RouteTemplateDefinition template = TemplateSupport.declare(builder, DESCRIPTOR);
        TemplateSupport.processor(template, "prepare", IngressTemplate::preparation);
        TemplateSupport.processor(template, "accepted", context -> JsonResponses.accepted(value(context, CHANNEL)));
        TemplateSupport.processor(template, "schemaCheck", SchemaSupport::check);
        // malformed or invalid events: kept in the dead-letter channel, bound for the channel, and the caller is told why
        EntryRejection.apply(template, TemplateSupport.from(template, DESCRIPTOR, FROM.placeholder()), "invalid-event",
                        context -> value(context, CHANNEL))
                .process("{{prepare}}")
                .process("{{schemaCheck}}")
                .to(ONE_WAY.formatted(CHANNEL.placeholder()) + "&persistent=" + PERSISTENT.placeholder())
                .process("{{accepted}}");
    }

    /**
     * Envelope stamping, header filtering and ordering key, as the instance's parameters say. Shared
     * with request-reply and the sender-router, which declare no ordering key: theirs sends none.
     */
    public static IngressPreparation preparation(RouteTemplateContext context) {
        String keyExpression = context.getParameters().containsKey(ORDERING_KEY.key()) ? value(context, ORDERING_KEY) : "";
        Expression orderingKey = keyExpression.isBlank() ? null
                : context.getCamelContext().resolveLanguage("simple").createExpression(keyExpression);
        return new IngressPreparation(value(context, EVENT_SOURCE), value(context, EVENT_TYPE),
                value(context, KEEP_HEADERS), orderingKey);
    }
}
