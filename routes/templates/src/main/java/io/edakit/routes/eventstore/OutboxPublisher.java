package io.edakit.routes.eventstore;

import java.util.HashMap;
import java.util.Map;

import io.edakit.eventstore.Outbox;
import io.edakit.eventstore.StoredEvent;
import org.apache.camel.ProducerTemplate;

/**
 * Sends each stored event to a channel exactly as stored: its data as the body, its metadata (the
 * {@code ce_*} envelope) as headers, plus its stream, version and position. A send returns once
 * the channel took the message (a persistent send is confirmed by the broker). The three headers
 * are lower case: headers starting with {@code Edakit} stay inside the instance, these travel.
 */
public final class OutboxPublisher implements Outbox.Publisher {

    /** Header: the stream the event belongs to. */
    public static final String STREAM = "edakit_stream";
    /** Header: the event's version in its stream. */
    public static final String VERSION = "edakit_version";
    /** Header: the event's global position in the store. */
    public static final String POSITION = "edakit_position";

    private final ProducerTemplate producer;
    private final String uri;

    OutboxPublisher(ProducerTemplate producer, String channel) {
        this.producer = producer;
        this.uri = "channel:" + channel + "?exchangePattern=InOnly";
    }

    @Override
    public void publish(StoredEvent event) {
        producer.sendBodyAndHeaders(uri, event.data(), headers(event));
    }

    /** The headers a stored event travels with: its metadata (the envelope) and its stream, version and position. */
    public static Map<String, Object> headers(StoredEvent event) {
        Map<String, Object> headers = new HashMap<>(event.metadata());
        headers.put(STREAM, event.streamId());
        headers.put(VERSION, event.version());
        headers.put(POSITION, event.position());
        return headers;
    }
}
