package io.edakit.operator.access;

import org.apache.camel.Exchange;

/**
 * Reads what the {@link AccessPolicy} looks at from the HTTP server's own request object: the peer
 * address as the socket saw it, TLS, and the headers as they were sent, never from message headers,
 * which a caller's query string or an earlier step could have set. One per HTTP server, because each
 * hands Camel its request in its own type: the application's (Camel Main's Vert.x server) and the
 * Spring Boot starter's (the servlet container) each bind theirs in the Camel registry under
 * {@link #BEAN}, where {@link OperatorAccess} looks it up.
 */
public interface OperatorRequestReader {

    /** The registry name the operator access check looks the reader up under. */
    String BEAN = "edakitOperatorRequestReader";

    /** The request {@code exchange} came with; null when it did not come through this server. */
    AccessRequest read(Exchange exchange);
}
