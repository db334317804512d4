package io.edakit.routes.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.edakit.channel.ChannelHeaders;
import io.edakit.envelope.Envelope;
import io.edakit.envelope.EnvelopeStamper;
import io.edakit.envelope.StructuredCloudEvents;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares a message that enters edakit from outside (HTTP, file, timer ...): converts a
 * structured-mode CloudEvent to binary mode, completes its envelope, then drops the source's own headers (HTTP request headers, file attributes) except
 * those the configuration keeps, so they do not travel as if they were part of the event.
 */
public final class IngressPreparation implements Processor {

    private static final String EDAKIT_PREFIX = "edakit_";

    private final EnvelopeStamper stamper;
    private final List<Pattern> keep;
    private final Expression orderingKey;

    /**
     * @param keepHeaders comma-separated header names or wildcards ({@code x-*}) that travel too
     * @param orderingKey evaluated on each message; its value becomes the message's ordering key
     *                    (null: no key)
     */
    public IngressPreparation(String defaultSource, String defaultType, String keepHeaders, Expression orderingKey) {
        this.stamper = new EnvelopeStamper(defaultSource, defaultType);
        this.orderingKey = orderingKey;
        this.keep = Arrays.stream(keepHeaders.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(IngressPreparation::wildcard)
                .toList();
    }

    @Override
    public void process(Exchange exchange) {
        completeEnvelope(exchange);
        dropSourceHeaders(exchange);
    }

    /** The first half, for routes that look at every source header before they are dropped. */
    public Processor envelopeStep() {
        return this::completeEnvelope;
    }

    /** The second half. */
    public Processor headerFilterStep() {
        return this::dropSourceHeaders;
    }

    private void completeEnvelope(Exchange exchange) {
        // a structured-mode CloudEvent (application/cloudevents+json) becomes binary mode first
        StructuredCloudEvents.toBinary(exchange.getMessage());
        stamper.process(exchange);
        Message message = exchange.getMessage();
        if (orderingKey != null) {
            String key = orderingKey.evaluate(exchange, String.class);
            if (key != null && !key.isBlank()) {
                message.setHeader(ChannelHeaders.KEY, key);
            }
        }
    }

    private void dropSourceHeaders(Exchange exchange) {
        Message message = exchange.getMessage();
        for (String name : new ArrayList<>(message.getHeaders().keySet())) {
            if (!travels(name)) {
                message.removeHeader(name);
            }
        }
    }

    private boolean travels(String name) {
        if (name.startsWith(Envelope.PREFIX) || name.startsWith(EDAKIT_PREFIX) || name.equals(ChannelHeaders.KEY)) {
            return true; // the envelope, and edakit's own metadata (router rule, redrive count ...)
        }
        if (name.startsWith("Camel")) {
            return true; // Camel's own headers stay local anyway and some drive the source (HTTP status)
        }
        return keep.stream().anyMatch(pattern -> pattern.matcher(name).matches());
    }

    private static Pattern wildcard(String glob) {
        return Pattern.compile(Pattern.quote(glob).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE);
    }
}
