package io.edakit.routes.templates;

import static io.edakit.routes.templates.TemplateSupport.value;

import java.util.function.Function;

import io.edakit.channel.ChannelHeaders;
import io.edakit.deadletter.FailureHeaders;
import io.edakit.failure.PoisonMessageException;
import io.edakit.routes.support.JsonResponses;
import io.edakit.routes.support.SourceHeaderFilter;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * What every template taking events from outside (ingress, request-reply, sender-router, saga)
 * does with one it cannot accept: an envelope that breaks the envelope rules, an unreadable
 * structured CloudEvent, a schema violation, any {@link PoisonMessageException}. The event goes
 * to the template's {@code dead-letter-channel} with the reason in its failure headers and without
 * the source's own headers (which may hold credentials); an HTTP caller gets 400 with the reason
 * as JSON. No retry: nothing would repair it.
 *
 * <p>A rejected event carries the channel it was meant for in {@code edakit_failure_channel},
 * where the template has one, so that a redrive (after fixing the schema, say) sends it on there;
 * where it has none, the redrive needs a target ({@code --to}).
 */
public final class EntryRejection {

    private EntryRejection() {
    }

    /**
     * Adds the rejection to the route; call it first on the route, before its steps.
     *
     * @param error          the error code of the HTTP answer ({@code invalid-event})
     * @param intendedChannel the channel an accepted event of the instance goes to, or "" when the
     *                       template decides later (a router) or sends none (a saga, a request)
     */
    public static RouteDefinition apply(RouteTemplateDefinition template, RouteDefinition route, String error,
                                 Function<RouteTemplateContext, String> intendedChannel) {
        TemplateSupport.processor(template, "rejectionHeaders", context -> new SourceHeaderFilter(value(context, Parameters.KEEP_HEADERS)));
        TemplateSupport.processor(template, "rejectionTarget", context -> target(intendedChannel.apply(context)));
        TemplateSupport.processor(template, "rejectionPreparer", DeadLetterSupport::preparer);
        TemplateSupport.processor(template, "rejected", context -> JsonResponses.rejected(error,
                intendedChannel.apply(context), value(context, DeadLetterSupport.DEAD_LETTER_CHANNEL)));
        route.onException(PoisonMessageException.class).handled(true)
                .process("{{rejectionHeaders}}")
                .process("{{rejectionTarget}}")
                .process("{{rejectionPreparer}}")
                .to(TemplateSupport.ONE_WAY.formatted(DeadLetterSupport.DEAD_LETTER_CHANNEL.placeholder()))
                .process("{{rejected}}")
                .end();
        return route;
    }

    /** Names the channel the event was meant for, unless it came from a channel (the preparer names that one). */
    private static Processor target(String intendedChannel) {
        return exchange -> {
            Message message = exchange.getMessage();
            if (!intendedChannel.isBlank() && message.getHeader(ChannelHeaders.CHANNEL) == null) {
                message.setHeader(FailureHeaders.CHANNEL, intendedChannel);
            }
        };
    }
}
