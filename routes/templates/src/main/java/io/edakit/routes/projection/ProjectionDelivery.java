package io.edakit.routes.projection;

import java.util.concurrent.CompletionException;

import io.edakit.routes.bus.TargetDelivery;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The step of a projection's route that calls the handler: retries with backoff, then the
 * dead-letter channel with the reason, or (a projection that stops on failure) nothing, the outcome
 * left in {@link #OUTCOME} for the runner. Waits for the outcome: a projection hands one event at
 * a time, in position order.
 */
final class ProjectionDelivery implements Processor {

    /** Exchange property: the {@link TargetDelivery.Outcome}. */
    static final String OUTCOME = "EdakitProjectionOutcome";

    private final TargetDelivery delivery;

    ProjectionDelivery(TargetDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        try {
            exchange.setProperty(OUTCOME, delivery.deliver(exchange).join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e; // the dead-letter channel failed too
        }
    }
}
