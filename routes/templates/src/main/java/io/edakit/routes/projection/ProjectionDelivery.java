package io.edakit.routes.projection;

import java.util.concurrent.CompletionException;

import io.edakit.routes.bus.TargetDelivery;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The step of a projection's route that calls the handler: retries with backoff, then the
 * dead-letter channel with the reason, or (a projection that stops on failure) nothing, the outcome
 * left in {@link #OUTCOME} for the runner. Asynchronous, not a blocking wait: a handler that is a
 * route of this context ({@code direct:}) continues on Camel's reactive executor, which a blocked
 * step would hold up for good. The runner's send still waits for the outcome, so a projection hands
 * one event at a time, in position order.
 */
final class ProjectionDelivery extends AsyncProcessorSupport {

    /** Exchange property: the {@link TargetDelivery.Outcome}. */
    static final String OUTCOME = "EdakitProjectionOutcome";

    private final TargetDelivery delivery;

    ProjectionDelivery(TargetDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        delivery.deliver(exchange).whenComplete((outcome, failure) -> {
            if (failure != null) { // the dead-letter channel failed too
                exchange.setException(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            } else {
                exchange.setProperty(OUTCOME, outcome);
            }
            callback.done(false);
        });
        return false;
    }
}
