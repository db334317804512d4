package io.edakit.routes.archive;

import java.util.HashMap;
import java.util.Map;

import io.edakit.archive.ArchivedEvent;
import io.edakit.archive.ReplayHeaders;
import io.edakit.archive.Replayer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

/**
 * Sends a replay's events through Camel: each as it was archived (body byte for byte, headers, its
 * ce_id and ordering key kept) plus {@link ReplayHeaders#REPLAY} with the replay's name, one way,
 * returning once the target confirmed it (a channel send is confirmed by the broker).
 */
public final class ReplaySender implements Replayer.Sender {

    private final ProducerTemplate producer;
    private final String uri;
    private final String replay;

    /** @param target a channel name, or a Camel endpoint URI (anything with a ':') */
    public ReplaySender(ProducerTemplate producer, String target, String replay) {
        this.producer = producer;
        this.uri = target.contains(":") ? target : "channel:" + target + "?exchangePattern=InOnly";
        this.replay = replay;
    }

    @Override
    public void send(ArchivedEvent event) throws Exception {
        Map<String, Object> headers = new HashMap<>(event.headers());
        headers.put(ReplayHeaders.REPLAY, replay);
        Exchange sent = producer.send(uri, exchange -> {
            exchange.setPattern(ExchangePattern.InOnly);
            exchange.getMessage().setHeaders(headers);
            exchange.getMessage().setBody(event.body());
        });
        if (sent.getException() != null) {
            throw sent.getException();
        }
    }
}
