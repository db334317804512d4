package io.edakit.routes.support;

import java.util.LinkedHashMap;
import java.util.Map;

import io.edakit.channel.ChannelHeaders;
import io.edakit.envelope.Envelope;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * What a request-reply caller gets with the reply's body, and nothing else:
 *
 * <ul>
 *   <li>the reply's envelope: the request's, unless the responder's handler changed it. An HTTP
 *       caller gets it in the CloudEvents HTTP binding ({@code ce-id}, {@code ce-type} ..., and
 *       {@code datacontenttype} as {@code Content-Type}), so the answer is a binary-mode
 *       CloudEvent; any other caller in edakit's spelling ({@code ce_id} ...);</li>
 *   <li>{@code Content-Type}: the reply's, or else its envelope's {@code datacontenttype};</li>
 *   <li>the reply headers the configuration promises ({@code reply-headers}).</li>
 * </ul>
 *
 * Everything else stays behind: the responder's own headers (an HTTP handler's {@code Server},
 * {@code Set-Cookie}, {@code Date} ...) and the request's. A caller inside the application (a
 * {@code direct:} route) keeps its local headers ({@code Camel*}, {@code Edakit*}), which are its
 * route's state and never travelled; an HTTP caller gets none, as they would become response headers.
 */
public final class ReplyHeaders implements Processor {

    private static final String HTTP_PREFIX = "ce-";

    private final HeaderNames promised;

    /** @param promisedHeaders comma-separated header names or wildcards the caller gets too */
    public ReplyHeaders(String promisedHeaders) {
        this.promised = new HeaderNames(promisedHeaders);
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        // every Camel HTTP consumer sets the request method: the caller is an HTTP client
        boolean http = message.getHeader(Exchange.HTTP_METHOD) != null;
        Map<String, Object> envelope = new LinkedHashMap<>();
        Map<String, Object> kept = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            String canonical = Envelope.canonicalName(name);
            if (canonical != null) {
                // ce_ wins over ce- for the same attribute, as everywhere in edakit
                if (canonical.equals(name) || !envelope.containsKey(canonical)) {
                    envelope.put(canonical, value);
                }
            } else if (promised.matches(name) && !ChannelHeaders.isLocal(name)
                    && !name.equalsIgnoreCase(Exchange.CONTENT_TYPE)) {
                kept.put(name, value);
            }
        });
        Object contentType = message.getHeader(Exchange.CONTENT_TYPE);
        if (contentType == null) {
            contentType = envelope.get(Envelope.DATACONTENTTYPE);
        } else if (!envelope.isEmpty()) {
            envelope.put(Envelope.DATACONTENTTYPE, contentType); // the body's type, as the responder left it
        }

        message.getHeaders().keySet().removeIf(name -> http || !ChannelHeaders.isLocal(name));
        envelope.forEach((name, value) -> {
            if (!http) {
                message.setHeader(name, value);
            } else if (!name.equals(Envelope.DATACONTENTTYPE)) {
                message.setHeader(HTTP_PREFIX + name.substring(Envelope.PREFIX.length()), value);
            }
        });
        kept.forEach(message::setHeader);
        if (contentType != null) {
            message.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
    }
}
