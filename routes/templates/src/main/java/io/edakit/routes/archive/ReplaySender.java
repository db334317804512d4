package io.edakit.routes.archive;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.edakit.archive.ArchivedEvent;
import io.edakit.archive.ReplayHeaders;
import io.edakit.archive.Replayer;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Sends a replay's events through a Camel endpoint: each as it was archived (body byte for byte,
 * headers, its ce_id and ordering key kept) plus {@link ReplayHeaders#REPLAY} with the replay's
 * name, one way. Asynchronous: the stage completes when the endpoint is done with the exchange,
 * which for a channel is when the broker confirmed the message, so several can be in flight
 * without a thread each.
 */
public final class ReplaySender implements Replayer.Sender, AutoCloseable {

    private final Endpoint endpoint;
    private final AsyncProducer producer;
    private final String replay;

    /** @param target a channel name, or a Camel endpoint URI (anything with a ':') */
    public ReplaySender(CamelContext camel, String target, String replay) {
        this.endpoint = camel.getEndpoint(target.contains(":") ? target : "channel:" + target + "?exchangePattern=InOnly");
        this.replay = replay;
        try {
            this.producer = endpoint.createAsyncProducer();
            ServiceHelper.startService(producer);
        } catch (Exception e) {
            throw new IllegalStateException("replay " + replay + ": cannot send to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CompletionStage<Void> send(ArchivedEvent event) {
        Exchange exchange = endpoint.createExchange(ExchangePattern.InOnly);
        exchange.getMessage().setHeaders(new java.util.HashMap<>(event.headers()));
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
        ServiceHelper.stopService(producer);
    }
}
