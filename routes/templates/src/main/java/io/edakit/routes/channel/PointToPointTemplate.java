package io.edakit.routes.channel;

import java.util.List;
import java.util.function.Function;

import io.edakit.config.Bounds;
import io.edakit.config.Param;
import io.edakit.config.ParameterProblem;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.routes.idempotency.IdempotencySupport;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.support.HandlerCall;
import io.edakit.routes.templates.DeadLetterSupport;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.FairnessSupport;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.SchemaSupport;
import io.edakit.routes.templates.TemplateSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/** Asynchronous point-to-point queue: competing consumers hand each message to a handler. */
public final class PointToPointTemplate implements EdakitTemplate {

    public static final String ID = "point-to-point";

    public static final Param<Double> RATE_LIMIT = Param.number("rate-limit", Bounds.atLeast(0)).defaultValue(0)
            .description("Messages per second this instance hands to the handler, at most. 0: no limit.")
            .example(50).build();

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Asynchronous point-to-point queue",
            "Consumes a channel with N concurrent consumers and hands each message to a handler. A message is "
                    + "acknowledged only after the handler finished. A failing handler is retried with exponential "
                    + "backoff and jitter; a message that still fails (or can never succeed, such as a malformed "
                    + "one) goes to the dead-letter channel with the reason in its headers. Optional rate limit; "
                    + "messages with the same ordering key are handled in the order they were sent.",
            TemplateSupport.parameters(List.of(
                    Parameters.channel("Channel to consume.", "orders"),
                    Parameters.handler("Where each message goes."),
                    Parameters.GROUP,
                    Parameters.concurrentConsumers(1),
                    Parameters.MAX_IN_FLIGHT,
                    RATE_LIMIT,
                    Parameters.CONSUMER_ORDERING_KEY),
                    SchemaSupport.parameters(false, "when it is consumed"),
                    List.of(IdempotencySupport.OPTION),
                    IdempotencySupport.PARAMETERS,
                    DeadLetterSupport.PARAMETERS,
                    FairnessSupport.PARAMETERS));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ParameterProblem> checkInstance(Function<String, String> values, CamelContext camel) {
        return FairnessSupport.problems(values);
    }

    @Override
    public void define(RouteBuilder builder) {
        defineConsumer(builder, DESCRIPTOR, "&rateLimit=" + RATE_LIMIT.placeholder(), false);
    }

    /**
     * The consuming route point-to-point and idempotent-consumer share: channel consumer, schema
     * check, retries and dead letters, de-duplication (always, or when {@code idempotent=true}),
     * then the handler.
     *
     * @param extraOptions further {@code channel:} consumer options of the template
     */
    static void defineConsumer(RouteBuilder builder, TemplateDescriptor descriptor, String extraOptions,
                               boolean alwaysIdempotent) {
        RouteTemplateDefinition template = TemplateSupport.declare(builder, descriptor);
        TemplateSupport.processor(template, "handlerCall",
                context -> new HandlerCall(context.getCamelContext(), TemplateSupport.value(context, Parameters.HANDLER)));
        TemplateSupport.processor(template, "schemaCheck", SchemaSupport::check);
        RouteDefinition route = TemplateSupport.from(template, descriptor, "channel:" + Parameters.CHANNEL.placeholder()
                + "?group=" + Parameters.GROUP.placeholder()
                + "&concurrentConsumers=" + Parameters.CONCURRENT_CONSUMERS.placeholder()
                + "&maxInFlight=" + Parameters.MAX_IN_FLIGHT.placeholder()
                + "&orderingKey=" + Parameters.CONSUMER_ORDERING_KEY.placeholder() + FairnessSupport.OPTIONS + extraOptions);
        IdempotencySupport.guard(template, DeadLetterSupport.apply(template, route).process("{{schemaCheck}}"),
                alwaysIdempotent).process("{{handlerCall}}");
    }
}
