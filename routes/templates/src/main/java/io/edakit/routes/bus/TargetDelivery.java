package io.edakit.routes.bus;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.edakit.deadletter.Attempts;
import io.edakit.deadletter.DeadLetterPreparer;
import io.edakit.deadletter.FailureHeaders;
import io.edakit.failure.Backoff;
import io.edakit.failure.RetryPolicy;
import io.edakit.routes.support.HandlerCall;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExchangeHelper;

/**
 * Delivers one event to one target with that target's own retries, then, if it still fails, to
 * the bus's dead-letter channel with the target named in the failure headers. It works on its own
 * copy of the event, so a failing target neither holds up nor repeats delivery to the others.
 * Without a dead-letter channel (a projection that stops on a failure) a delivery whose retries
 * are spent ends {@link Outcome#GAVE_UP}, the failure in the event's {@link Exchange#EXCEPTION_CAUGHT}.
 */
public final class TargetDelivery {

    /** How one delivery ended. */
    public enum Outcome { DELIVERED, DEAD_LETTERED, GAVE_UP }

    private final Target target;
    private final HandlerCall call;
    private final HandlerCall deadLetterChannel;
    private final RetryPolicy retryPolicy;
    private final int maxRedeliveries;
    private final Backoff backoff;
    private final DeadLetterPreparer preparer;
    private final ScheduledExecutorService timer;

    /** @param deadLetterUri where spent deliveries go; null: nowhere, they end {@link Outcome#GAVE_UP} */
    public TargetDelivery(CamelContext context, Target target, String deadLetterUri, int maxRedeliveries, Backoff backoff,
                   RetryPolicy retryPolicy, DeadLetterPreparer preparer, ScheduledExecutorService timer) {
        this.target = target;
        this.call = new HandlerCall(context, target.uri());
        this.deadLetterChannel = deadLetterUri == null ? null : new HandlerCall(context, deadLetterUri);
        this.retryPolicy = retryPolicy;
        this.maxRedeliveries = maxRedeliveries;
        this.backoff = backoff;
        this.preparer = preparer;
        this.timer = timer;
    }

    /** Completes when the event is at the target or in the dead-letter channel; fails only if neither. */
    public CompletableFuture<Outcome> deliver(Exchange event) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        attempt(event, 0, null, outcome);
        return outcome;
    }

    private void attempt(Exchange event, int retry, Instant firstFailure, CompletableFuture<Outcome> outcome) {
        Exchange attempt = ExchangeHelper.createCopy(event, false);
        call.process(attempt, doneSync -> {
            Exception failure = attempt.getException();
            Instant firstFailed = firstFailure != null ? firstFailure : Instant.now();
            if (failure == null) {
                outcome.complete(Outcome.DELIVERED);
            } else if (retry < maxRedeliveries && !retryPolicy.isFinal(failure)) {
                timer.schedule(() -> attempt(event, retry + 1, firstFailed, outcome), backoff.delayMillis(retry + 1),
                        TimeUnit.MILLISECONDS);
            } else if (deadLetterChannel == null) {
                event.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
                outcome.complete(Outcome.GAVE_UP);
            } else {
                deadLetter(event, failure, retry + 1, firstFailed, outcome);
            }
        });
    }

    private void deadLetter(Exchange event, Exception failure, int attempts, Instant firstFailure,
                            CompletableFuture<Outcome> outcome) {
        Exchange deadLetter = ExchangeHelper.createCopy(event, false);
        deadLetter.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        Attempts.record(deadLetter, attempts, firstFailure);
        preparer.process(deadLetter);
        // a redrive sends it straight back to the target that failed, not through the bus again
        if (target.channel() != null) {
            deadLetter.getMessage().setHeader(FailureHeaders.CHANNEL, target.channel());
        } else {
            deadLetter.getMessage().removeHeader(FailureHeaders.CHANNEL);
        }
        deadLetter.getMessage().setHeader(FailureHeaders.TARGET, target.uri());
        deadLetterChannel.process(deadLetter, doneSync -> {
            if (deadLetter.getException() != null) {
                outcome.completeExceptionally(deadLetter.getException());
            } else {
                outcome.complete(Outcome.DEAD_LETTERED);
            }
        });
    }
}
