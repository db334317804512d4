package io.edakit.routes.support;

import io.edakit.deadletter.Attempts;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.EndpointHelper;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Calls a template's handler endpoint with a copy of the exchange and takes the result back.
 *
 * <p>Why a copy: when the handler is a route of its own ({@code direct:...}), that route's error
 * handler marks a failed exchange as "redelivery exhausted", and Camel then lets no error handler
 * upstream retry or dead-letter it. Through a copy, a handler failure reaches the template as a
 * plain failure of this step, so the template's retry and dead-letter policy applies to every
 * handler alike, and each retry calls the handler again. Each call counts as one attempt in the
 * failure headers of a dead-lettered message.
 */
public final class HandlerCall extends AsyncProcessorSupport {

    private final CamelContext context;
    private final String handlerUri;
    /** The exchange pattern the URI asks for ({@code exchangePattern=InOnly}), as a {@code to} would honour it. */
    private final ExchangePattern pattern;
    private volatile AsyncProcessor producer;

    /** Refuses a handler whose component Camel does not have: its endpoint is created only at the first call. */
    public HandlerCall(CamelContext context, String handlerUri) {
        EndpointSchemes.require(context, handlerUri, "handler");
        this.context = context;
        this.handlerUri = handlerUri;
        this.pattern = EndpointHelper.resolveExchangePatternFromUrl(handlerUri);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Attempts.started(exchange);
        Exchange attempt = ExchangeHelper.createCopy(exchange, true);
        if (pattern != null) {
            attempt.setPattern(pattern);
        }
        try {
            return producer().process(attempt, doneSync -> {
                if (attempt.getException() != null) {
                    Attempts.failed(exchange);
                    exchange.setException(attempt.getException());
                } else {
                    // the handler's result becomes the exchange's message as it is: the attempt is
                    // dropped, and copying the message back (headers and all) cost ~7 % of a
                    // Kafka consumer thread's samples
                    exchange.setMessage(attempt.getMessage());
                }
                callback.done(doneSync);
            });
        } catch (Exception e) {
            Attempts.failed(exchange);
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    private AsyncProcessor producer() throws Exception {
        AsyncProcessor current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    AsyncProducer created = context.getEndpoint(handlerUri).createAsyncProducer();
                    ServiceHelper.startService(created);
                    context.addService(created, true, true); // stopped with the context
                    producer = created;
                }
                current = producer;
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return "HandlerCall[" + handlerUri + "]";
    }
}
