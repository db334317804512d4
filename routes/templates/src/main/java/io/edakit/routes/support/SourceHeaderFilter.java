package io.edakit.routes.support;

import java.util.ArrayList;

import io.edakit.channel.ChannelHeaders;
import io.edakit.deadletter.FailureHeaders;
import io.edakit.envelope.Envelope;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Drops the headers a source gave a message entering edakit (HTTP request headers, file
 * attributes), so that they do not travel as if they were part of the event, and may not leak
 * (an {@code Authorization} header, say). What travels: the envelope ({@code ce_*}), edakit's own
 * metadata ({@code edakit_*}, the ordering key), the W3C trace context ({@code traceparent},
 * {@code tracestate}: one request stays one trace), Camel's headers (which stay local anyway and some
 * of which drive the source, such as the HTTP status), and the headers the configuration keeps.
 * Failure headers ({@code edakit_failure_*}) never come from a source: only edakit writes them, when
 * it dead-letters, and a caller's own must not choose where an operator's redrive sends its event.
 */
public final class SourceHeaderFilter implements Processor {

    private static final String EDAKIT_PREFIX = "edakit_";

    private final HeaderNames keep;

    /** @param keepHeaders comma-separated header names or wildcards ({@code x-*}) that travel too */
    public SourceHeaderFilter(String keepHeaders) {
        this.keep = new HeaderNames(keepHeaders);
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        for (String name : new ArrayList<>(message.getHeaders().keySet())) {
            if (!travels(name)) {
                message.removeHeader(name);
            }
        }
    }

    private boolean travels(String name) {
        if (name.regionMatches(true, 0, FailureHeaders.PREFIX, 0, FailureHeaders.PREFIX.length())) {
            return false;
        }
        return name.startsWith(Envelope.PREFIX) || name.startsWith(EDAKIT_PREFIX) || name.equals(ChannelHeaders.KEY)
                || name.equalsIgnoreCase(ChannelHeaders.TRACEPARENT) || name.equalsIgnoreCase(ChannelHeaders.TRACESTATE)
                || name.startsWith("Camel") || keep.matches(name);
    }
}
