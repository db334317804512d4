package io.edakit.channel;

import io.edakit.fairness.FairSender;
import io.edakit.fairness.FairnessPolicy;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelSender;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends to a channel without holding the calling thread: the exchange completes when the broker
 * has confirmed the message (InOnly) or when the reply has arrived (InOut). A consumer upstream
 * therefore acknowledges its input only after the send it caused is safe.
 */
final class ChannelProducer extends DefaultAsyncProducer {

    private final ChannelEndpoint endpoint;
    private ChannelSender sender;

    ChannelProducer(ChannelEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        FairnessPolicy fairness = endpoint.fairnessPolicy();
        sender = fairness == null ? endpoint.getComponent().transport().sender(endpoint.getName(), endpoint.sendOptions())
                : new FairSender(endpoint.getComponent().transport(), endpoint.getName(), endpoint.sendOptions(),
                        fairness.lanes(), endpoint.tenantKey());
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ChannelMessage message;
        try {
            message = ExchangeMapping.toChannelMessage(exchange.getMessage());
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        ChannelComponent component = endpoint.getComponent();
        if (exchange.getPattern().isOutCapable()) {
            return component.replies().request(exchange, sender, message, endpoint.getRequestTimeout(), callback);
        }
        // Continue the route on edakit's own threads, never on the broker client's callback thread.
        sender.send(message).whenCompleteAsync((ignored, failure) -> {
            if (failure != null) {
                exchange.setException(failure);
            }
            callback.done(false);
        }, component.completionExecutor());
        return false;
    }
}
