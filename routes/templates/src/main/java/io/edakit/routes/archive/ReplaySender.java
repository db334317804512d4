package io.edakit.routes.archive;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.edakit.archive.ArchivedEvent;
import io.edakit.archive.ReplayHeaders;
import io.edakit.archive.Replayer;
import io.edakit.channel.ChannelComponent;
import io.edakit.channel.ChannelHeaders;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelSender;
import io.edakit.transport.SendOptions;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Sends a replay's events: each as it was archived (body byte for byte, headers, its ce_id and
 * ordering key kept) plus {@link ReplayHeaders#REPLAY} with the replay's name, one way.
 * Asynchronous: the stage completes once the target confirmed the event, so several can be in
 * flight without a thread each.
 *
 * <p>A channel named plainly goes straight to the channel transport's sender: an archived event is
 * already what a channel carries (text headers, the key under {@link ChannelHeaders#KEY}), so the
 * Camel exchange and the channel producer's hand-over of each confirmation to its completion
 * threads (needed there to continue a route, not here) would only add their cost to every event.
 * Any other target (a Camel endpoint URI, a channel URI with options) goes through its Camel producer.
 */
public final class ReplaySender implements Replayer.Sender, AutoCloseable {

    private final String replay;
    private final ChannelSender channel;
    private final Endpoint endpoint;
    private final AsyncProducer producer;

    /** @param target a channel name, or a Camel endpoint URI (anything with a ':') */
    public ReplaySender(CamelContext camel, String target, String replay) {
        this.replay = replay;
        try {
            if (target.contains(":")) {
                this.channel = null;
                this.endpoint = camel.getEndpoint(target);
                this.producer = endpoint.createAsyncProducer();
                ServiceHelper.startService(producer);
            } else {
                this.channel = camel.getComponent("channel", ChannelComponent.class).transport().sender(target,
                        SendOptions.PERSISTENT);
                this.endpoint = null;
                this.producer = null;
            }
        } catch (Exception e) {
            throw new IllegalStateException("replay " + replay + ": cannot send to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CompletionStage<Void> send(ArchivedEvent event) {
        return channel != null ? channel.send(channelMessage(event)) : sendThroughCamel(event);
    }

    /** The event as the channel producer would map it: the key out of the headers, the replay's name in. */
    private ChannelMessage channelMessage(ArchivedEvent event) {
        Map<String, String> headers = new HashMap<>(event.headers());
        String key = headers.remove(ChannelHeaders.KEY);
        headers.put(ReplayHeaders.REPLAY, replay);
        return ChannelMessage.of(event.body(), headers, key == null || key.isBlank() ? null : key);
    }

    private CompletionStage<Void> sendThroughCamel(ArchivedEvent event) {
        Exchange exchange = endpoint.createExchange(ExchangePattern.InOnly);
        exchange.getMessage().setHeaders(new HashMap<>(event.headers()));
        exchange.getMessage().setHeader(ReplayHeaders.REPLAY, replay);
        exchange.getMessage().setBody(event.body());
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        producer.process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                confirmed.completeExceptionally(exchange.getException());
            } else {
                confirmed.complete(null);
            }
        });
        return confirmed;
    }

    @Override
    public void close() {
        if (producer != null) {
            ServiceHelper.stopService(producer);
        }
    }
}
