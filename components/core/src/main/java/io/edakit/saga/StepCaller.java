package io.edakit.saga;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Calls a participant endpoint for a saga step and says whether it succeeded: the saga's input as
 * body and headers, plus the saga headers ({@link SagaHeaders}, and Camel's
 * {@code Long-Running-Action} so routes written for Camel's Saga EIP recognise the saga).
 * A call succeeds when the endpoint answers without an exception within its timeout.
 */
public final class StepCaller implements SagaCalls {

    private final CamelContext camel;
    private final ProducerTemplate producer;

    public StepCaller(CamelContext camel, ProducerTemplate producer) {
        this.camel = camel;
        this.producer = producer;
    }

    @Override
    public Optional<String> call(SagaRecord saga, PlannedCall call, String phase, int attempt, Duration timeout) {
        Exchange exchange = new DefaultExchange(camel, ExchangePattern.InOut);
        exchange.getIn().setBody(saga.payload());
        saga.headers().forEach(exchange.getIn()::setHeader);
        Map<String, String> stepHeaders = call.headers();
        stepHeaders.forEach(exchange.getIn()::setHeader);
        exchange.getIn().setHeader(SagaHeaders.SAGA_ID, saga.id());
        exchange.getIn().setHeader(SagaHeaders.SAGA, saga.definition());
        exchange.getIn().setHeader(SagaHeaders.STEP_ID, call.stepId());
        exchange.getIn().setHeader(SagaHeaders.ATTEMPT, attempt);
        exchange.getIn().setHeader(SagaHeaders.PHASE, phase);
        exchange.getIn().setHeader(Exchange.SAGA_LONG_RUNNING_ACTION, saga.id());
        CompletableFuture<Exchange> answer = producer.asyncSend(call.endpoint(), exchange);
        try {
            Exchange done = answer.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return done.getException() == null ? Optional.empty() : Optional.of(describe(done.getException()));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Optional.of("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of(describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted (the application is stopping)");
        }
    }

    @Override
    public boolean unavailable() {
        return camel.isStopping() || camel.isStopped();
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getName() + ": " + failure.getMessage();
    }
}
