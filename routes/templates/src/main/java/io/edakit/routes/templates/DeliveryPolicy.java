package io.edakit.routes.templates;

import io.edakit.deadletter.DeadLetterPreparer;
import io.edakit.failure.Backoff;
import io.edakit.failure.RetryPolicy;

/**
 * How each target of the bus is delivered to: retries, backoff, which failures are final, and
 * where exhausted deliveries go.
 */
public record DeliveryPolicy(String deadLetterUri, int maxRedeliveries, Backoff backoff, RetryPolicy retryPolicy,
                             DeadLetterPreparer preparer) {
}
