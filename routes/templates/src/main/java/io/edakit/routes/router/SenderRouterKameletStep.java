package io.edakit.routes.router;

import java.util.List;
import java.util.function.Function;

import io.edakit.config.Param;
import io.edakit.config.ParameterProblem;
import io.edakit.routes.metrics.TemplateMetrics;
import io.edakit.routes.support.IngressPreparation;
import io.edakit.routes.templates.KameletStep;
import io.edakit.routes.templates.Parameters;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The sender-router Kamelet's step, in the template's order: the envelope is completed and
 * checked, the rules (which may read any source header) choose the destination, then the source's
 * headers are dropped. It leaves the channel in {@link SenderRouter#DESTINATION} for the Kamelet's
 * send; a message no rule matches fails with {@link UnroutedMessageException} (unmatched=dead-letter:
 * the error handler of the route or Pipe dead-letters it with the reason) or ends the exchange here,
 * acknowledged (unmatched=drop), or goes to the default channel.
 */
public final class SenderRouterKameletStep extends KameletStep {

    /** The Kamelet's name. */
    public static final String KAMELET = "edakit-sender-router-sink";

    /** The Kamelet's parameters: the template's, less where messages come from and the dead-letter group. */
    public static final List<Param<?>> PARAMETERS = List.of(SenderRouterTemplate.RULES, SenderRouterTemplate.UNMATCHED,
            SenderRouterTemplate.DEFAULT_CHANNEL, Parameters.EVENT_SOURCE, Parameters.eventType("order.created"),
            Parameters.KEEP_HEADERS, Parameters.persistent(true,
                    "Keep true unless losing events on a broker crash is acceptable."));

    public SenderRouterKameletStep() {
        super(KAMELET);
    }

    @Override
    protected Processor create(CamelContext context, Function<String, String> values) {
        IngressPreparation preparation = new IngressPreparation(Parameters.EVENT_SOURCE.value(values),
                Parameters.EVENT_TYPE.value(values), Parameters.KEEP_HEADERS.value(values));
        // the template's own check: which rule cannot be read, a default channel that is missing or no channel
        List<ParameterProblem> problems = new SenderRouterTemplate().checkInstance(values, context);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(owner() + ": " + String.join("; ",
                    problems.stream().map(problem -> "parameter " + problem).toList()));
        }
        SenderRouter router = new SenderRouter(context, SenderRouterTemplate.RULES.value(values),
                SenderRouterTemplate.UNMATCHED.value(values), SenderRouterTemplate.DEFAULT_CHANNEL.value(values).trim());
        return inOrder(preparation.envelopeStep(), router, preparation.headerFilterStep(),
                SenderRouterKameletStep::route);
    }

    private static void route(Exchange exchange) {
        if (exchange.getProperty(SenderRouter.UNROUTED) != null) {
            throw new UnroutedMessageException();
        }
        if (exchange.getProperty(TemplateMetrics.DROPPED) != null) {
            exchange.setRouteStop(true);
        }
    }
}
