package io.edakit.routes.channel;

import java.util.List;
import java.util.function.Function;

import io.edakit.config.ParameterProblem;

import io.edakit.routes.idempotency.IdempotencyGuard;
import io.edakit.routes.idempotency.IdempotencySupport;
import io.edakit.routes.templates.DeadLetterSupport;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.FairnessSupport;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.SchemaSupport;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.templates.TemplateSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

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
                    Parameters.GROUP,
                    Parameters.concurrentConsumers(1),
                    Parameters.MAX_IN_FLIGHT,
                    Parameters.CONSUMER_ORDERING_KEY),
                    IdempotencySupport.PARAMETERS,
                    SchemaSupport.parameters(false, "when it is consumed"),
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
        PointToPointTemplate.defineConsumer(builder, DESCRIPTOR, "", true);
    }
}
