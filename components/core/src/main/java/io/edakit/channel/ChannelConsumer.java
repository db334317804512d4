package io.edakit.channel;

import java.time.Duration;

import io.edakit.fairness.FairReceiver;
import io.edakit.fairness.FairnessPolicy;
import io.edakit.ratelimit.RateLimiter;
import io.edakit.transport.ChannelAddress;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelReceiver;
import io.edakit.transport.ReceiveOptions;
import io.edakit.transport.Settlement;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.RollbackExchangeException;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a channel and runs the route for each message. A message is settled (acknowledged)
 * only once its exchange has completed: processed, or handled by the route's error handler (for
 * instance written to a dead-letter channel). An exchange that ends with an unhandled exception
 * is rejected, and the transport delivers the message again.
 *
 * <p>Messages with an ordering key run on keyed lanes (same key, one after another); messages
 * without one run on a shared pool.
 */
final class ChannelConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelConsumer.class);

    private final ChannelEndpoint endpoint;
    private WorkDispatcher unordered;
    private WorkDispatcher ordered;
    private RateLimiter rateLimiter;
    private ChannelReceiver receiver;

    ChannelConsumer(ChannelEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String threadName = "channel-" + endpoint.address();
        unordered = endpoint.getConcurrentConsumers() == 1 ? new InlineDispatcher()
                : new SharedPoolDispatcher(getEndpoint().getCamelContext(), this, threadName,
                        endpoint.getConcurrentConsumers());
        ordered = new KeyedLaneDispatcher(getEndpoint().getCamelContext(), this, threadName,
                endpoint.getConcurrentConsumers());
        rateLimiter = endpoint.getRateLimit() > 0 ? new RateLimiter(endpoint.getRateLimit(), 1) : null;
        startReceiving();
        endpoint.getComponent().started(this);
    }

    /*
     * Camel's graceful shutdown suspends a route's consumer, then waits for the exchanges in flight:
     * suspending must therefore stop reading, or the wait would last until the channel is empty.
     */
    @Override
    protected void doSuspend() throws Exception {
        stopReceiving();
    }

    @Override
    protected void doResume() throws Exception {
        startReceiving();
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.getComponent().stopped(this);
        stopReceiving();
        if (unordered != null) {
            unordered.shutdown();
            ordered.shutdown();
        }
        super.doStop();
    }

    private void startReceiving() throws Exception {
        FairnessPolicy fairness = endpoint.fairnessPolicy();
        receiver = fairness == null
                ? endpoint.getComponent().transport().receiver(endpoint.address(),
                        new ReceiveOptions(endpoint.effectiveMaxInFlight()), this::deliver)
                // lanes on the broker and a fair scheduler in front of the same delivery (docs/fairness.md)
                : new FairReceiver(endpoint.getComponent().transport(), endpoint.address(), fairness,
                        endpoint.tenantKey(), endpoint.getConcurrentConsumers(), this::deliver);
        receiver.start();
    }

    /** Stops reading and waits for the messages in flight, which are acknowledged as they finish. */
    private void stopReceiving() {
        if (receiver != null) {
            receiver.stop(Duration.ofMillis(endpoint.getDrainTimeout()));
            receiver = null;
        }
    }

    ChannelAddress address() {
        return endpoint.address();
    }

    /** Called on the receiver's thread; hands the message to a worker and returns. */
    private void deliver(ChannelMessage message, Settlement settlement) {
        if (rateLimiter != null) {
            rateLimiter.acquire();
        }
        String key = endpoint.getOrderingKey() != null ? message.headers().get(endpoint.getOrderingKey()) : message.key();
        (key == null ? unordered : ordered).dispatch(key, done -> process(message, settlement, done));
    }

    private void process(ChannelMessage message, Settlement settlement, Runnable done) {
        Exchange exchange = createExchange(false);
        ExchangeMapping.populate(exchange.getIn(), message);
        exchange.getIn().setHeader(ChannelHeaders.CHANNEL, endpoint.getName());
        if (endpoint.getGroup() != null) {
            exchange.getIn().setHeader(ChannelHeaders.GROUP, endpoint.getGroup());
        }
        if (message.expectsReply()) {
            exchange.setPattern(ExchangePattern.InOut);
        }
        try {
            getAsyncProcessor().process(exchange, doneSync -> {
                try {
                    settle(exchange, message, settlement);
                } finally {
                    releaseExchange(exchange, false);
                    done.run();
                }
            });
        } catch (RuntimeException e) {
            // the processor itself broke before the route ran: hand the message back
            LOG.error("Channel {} could not process a message", endpoint.address(), e);
            settlement.reject(e);
            done.run();
        }
    }

    private void settle(Exchange exchange, ChannelMessage message, Settlement settlement) {
        if (message.expectsReply()) {
            // a request is answered even when its handler failed, so the caller fails fast instead of timing out
            endpoint.getComponent().replies().sendReply(exchange, message)
                    .whenComplete((ignored, failure) -> settlement.accept());
        } else if (exchange.getException() != null) {
            getExceptionHandler().handleException("Channel " + endpoint.address()
                    + ": message not processed, it will be delivered again", exchange, exchange.getException());
            settlement.reject(exchange.getException());
        } else if (exchange.isRollbackOnly()) {
            // the route handed the message back on purpose (and said why): deliver it again
            settlement.reject(new RollbackExchangeException("the route marked the exchange rollback-only", exchange));
        } else {
            settlement.accept();
        }
    }
}
