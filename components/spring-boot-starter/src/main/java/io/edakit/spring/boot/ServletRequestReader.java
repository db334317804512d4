package io.edakit.spring.boot;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.edakit.operator.access.AccessRequest;
import io.edakit.operator.access.OperatorRequestReader;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * The operator requests of Boot's HTTP server: the peer and headers from the servlet container's own
 * {@link HttpServletRequest}, which camel-platform-http-starter hands over in its
 * {@link PlatformHttpMessage}. Behind a proxy that Boot is told to trust
 * ({@code server.forward-headers-strategy}), the container reports the client's address as the peer.
 */
final class ServletRequestReader implements OperatorRequestReader {

    @Override
    public AccessRequest read(Exchange exchange) {
        if (!(exchange.getIn() instanceof PlatformHttpMessage message) || message.getRequest() == null) {
            return null;
        }
        HttpServletRequest http = message.getRequest();
        return new AccessRequest(http.getMethod(), address(http.getRemoteAddr()), http.isSecure(), http::getHeader);
    }

    private static InetAddress address(String peer) {
        if (peer == null || peer.isBlank()) {
            return null;
        }
        try {
            return InetAddress.getByName(peer); // the container's remote address is an IP literal: no look-up
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
