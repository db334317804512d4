package io.edakit.app.http;

import java.net.InetAddress;

import io.edakit.operator.access.AccessRequest;
import io.edakit.operator.access.OperatorRequestReader;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The operator requests of Camel Main's HTTP server (Vert.x): the peer and headers from Vert.x's
 * own {@link HttpServerRequest}, which platform-http-vertx hands over in its {@link HttpMessage}.
 */
public final class VertxRequestReader implements OperatorRequestReader {

    @Override
    public AccessRequest read(Exchange exchange) {
        if (!(exchange.getIn() instanceof HttpMessage message) || message.getRequest() == null) {
            return null;
        }
        HttpServerRequest http = message.getRequest();
        String host = host(http.authority());
        return new AccessRequest(http.method().name(), address(http.remoteAddress()), http.isSSL(),
                name -> name.equalsIgnoreCase("Host") ? host : http.getHeader(name));
    }

    /** The Host header over HTTP/1.1, the :authority over HTTP/2, as "host:port". */
    private static String host(HostAndPort authority) {
        if (authority == null) {
            return null;
        }
        String host = authority.host().contains(":") && !authority.host().startsWith("[")
                ? "[" + authority.host() + "]" : authority.host();
        return authority.port() < 0 ? host : host + ":" + authority.port();
    }

    private static InetAddress address(SocketAddress peer) {
        if (peer == null || peer.hostAddress() == null) {
            return null;
        }
        try {
            return InetAddress.getByName(peer.hostAddress()); // an IP literal: no look-up
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
