package io.edakit.routes.router;

import static io.edakit.routes.templates.TemplateSupport.value;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.edakit.config.Param;
import io.edakit.config.ParameterProblem;
import io.edakit.config.ParameterType;
import io.edakit.routes.channel.IngressTemplate;
import io.edakit.routes.metrics.TemplateMetrics;
import io.edakit.routes.support.JsonResponses;
import io.edakit.routes.templates.DeadLetterSupport;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.EntryRejection;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.templates.TemplateSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/** The sender owns the routing: ordered rules, first match wins. */
public final class SenderRouterTemplate implements EdakitTemplate {

    public static final String ID = "sender-router";

    static final Param<String> RULES = Param.string("rules").required()
            .description("Ordered rules separated by ';' or new lines, each '<predicate> -> <channel>'; "
                    + "a predicate is Camel simple, or 'jsonpath:' followed by a JSONPath filter.")
            .example("${header.ce_tenant} == 'bigco' -> orders.bigco; "
                    + "jsonpath:$[?(@.kind == 'digital')] -> orders.digital; true -> orders.physical")
            .build();
    static final Param<SenderRouter.Unmatched> UNMATCHED = Param.choice("unmatched", SenderRouter.Unmatched.class,
                    "dead-letter", "drop", "default").defaultValue("dead-letter")
            .description("What happens to a message no rule matches: the dead-letter channel (with "
                    + "the reason), dropped and counted, or the default channel.").build();
    /** A string, not a channel: empty unless unmatched=default, which {@link #checkInstance} checks. */
    static final Param<String> DEFAULT_CHANNEL = Param.string("default-channel").defaultValue("")
            .description("Channel for unmatched messages when unmatched=default.")
            .example("orders.other").build();

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Sender-side router",
            "Takes messages from any Camel endpoint, stamps the envelope, and sends each to the channel of the "
                    + "first rule whose predicate (Camel simple, or JSONPath over the body) matches: physical and "
                    + "digital orders to two queues, or a high-volume tenant to a queue of its own so it cannot "
                    + "starve the others. Unmatched messages go to a default channel, are dropped (counted), or go "
                    + "to the dead-letter channel with the reason; an HTTP caller gets 202 with the event id and what "
                    + "became of it. Events whose envelope breaks the envelope rules go to the dead-letter channel "
                    + "too, and an HTTP caller gets 400 with the reason.",
            TemplateSupport.parameters(List.of(
                    Parameters.source("platform-http:/orders"),
                    RULES,
                    UNMATCHED,
                    DEFAULT_CHANNEL,
                    Parameters.EVENT_SOURCE,
                    Parameters.eventType("order.created"),
                    Parameters.KEEP_HEADERS,
                    Parameters.persistent(true, "Keep true unless losing events on a broker crash is acceptable.")),
                    DeadLetterSupport.parameters(DeadLetterSupport.DEAD_LETTER_CHANNEL.defaultingTo("unrouted",
                            "Channel that receives unmatched messages (unmatched=dead-letter) and "
                                    + "messages that could not be sent, with failure headers.", "orders.unrouted"))));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ParameterProblem> checkInstance(Function<String, String> values, CamelContext camel) {
        List<ParameterProblem> problems = new ArrayList<>();
        try {
            new SenderRouter(camel, RULES.value(values), SenderRouter.Unmatched.DROP, "");
        } catch (IllegalArgumentException e) {
            problems.add(ParameterProblem.of(RULES, e.getMessage().lines().findFirst().orElse("")));
        }
        String defaultChannel = DEFAULT_CHANNEL.value(values).trim();
        if (UNMATCHED.value(values) == SenderRouter.Unmatched.DEFAULT && defaultChannel.isEmpty()) {
            problems.add(ParameterProblem.of(DEFAULT_CHANNEL, "required when unmatched=default"));
        }
        if (!defaultChannel.isEmpty()) {
            ParameterType.CHANNEL.check(defaultChannel, List.of())
                    .ifPresent(problem -> problems.add(ParameterProblem.of(DEFAULT_CHANNEL, problem)));
        }
        return problems;
    }

    @Override
    public void define(RouteBuilder builder) {
        RouteTemplateDefinition template = TemplateSupport.declare(builder, DESCRIPTOR);
        // the envelope first, then the rules (which may read any source header), then the header filter
        TemplateSupport.processor(template, "envelope", context -> IngressTemplate.preparation(context).envelopeStep());
        TemplateSupport.processor(template, "headerFilter",
                context -> IngressTemplate.preparation(context).headerFilterStep());
        TemplateSupport.processor(template, "router", context -> new SenderRouter(context.getCamelContext(),
                value(context, RULES),
                value(context, UNMATCHED),
                value(context, DEFAULT_CHANNEL)));
        TemplateSupport.processor(template, "accepted",
                context -> JsonResponses.accepted(exchange -> exchange.getProperty(SenderRouter.DESTINATION, String.class)));
        TemplateSupport.processor(template, "unroutedAnswer", context -> JsonResponses.deadLettered(
                value(context, DeadLetterSupport.DEAD_LETTER_CHANNEL)));
        TemplateSupport.processor(template, "droppedAnswer", context -> JsonResponses.dropped(SenderRouter.NO_RULE));
        RouteDefinition route = TemplateSupport.from(template, DESCRIPTOR, Parameters.FROM.placeholder());
        // an event that cannot be read or whose envelope is invalid: 400, kept in the dead-letter channel
        EntryRejection.apply(template, route, "invalid-event", context -> "");
        // an event no rule matches was taken in: it is safe in the dead-letter channel, and the caller gets 202 saying so
        route.onException(UnroutedMessageException.class).handled(true)
                .process("{{deadLetterPreparer}}")
                .to(TemplateSupport.ONE_WAY.formatted(DeadLetterSupport.DEAD_LETTER_CHANNEL.placeholder()))
                .process("{{unroutedAnswer}}")
                .end();
        DeadLetterSupport.apply(template, route)
                .process("{{envelope}}")
                .process("{{router}}")
                .process("{{headerFilter}}")
                .filter(exchangeProperty(SenderRouter.UNROUTED).isNotNull())
                    .throwException(new UnroutedMessageException())
                .end()
                .choice()
                    .when(exchangeProperty(TemplateMetrics.DROPPED).isNotNull())
                        .process("{{droppedAnswer}}")
                    .otherwise()
                        .toD(TemplateSupport.ONE_WAY.formatted("${exchangeProperty." + SenderRouter.DESTINATION + "}")
                                + "&persistent=" + Parameters.PERSISTENT.placeholder())
                        .process("{{accepted}}")
                .end();
    }

    private static org.apache.camel.builder.ValueBuilder exchangeProperty(String name) {
        return org.apache.camel.builder.Builder.exchangeProperty(name);
    }
}
