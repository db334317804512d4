package io.edakit.app.access;

import java.net.InetAddress;

import io.edakit.config.Settings;
import io.edakit.routes.support.ContextBeans;
import io.edakit.routes.support.JsonResponses;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.util.json.JsonObject;

/**
 * The first step of every operator route: applies the {@link AccessPolicy} to the HTTP request
 * and, when it refuses, answers (401, 403 or 415 with a JSON reason) and ends the route there. It
 * reads the peer address and headers from the HTTP server's own request, never from message
 * headers a caller could have set; a message that did not come through that server is refused.
 */
public final class OperatorAccess implements Processor {

    private static final String BEAN = "edakitOperatorAccess";

    private final AccessPolicy policy;
    private final ConsoleSessions sessions;

    OperatorAccess(AccessPolicy policy, ConsoleSessions sessions) {
        this.policy = policy;
        this.sessions = sessions;
    }

    /** The context's one instance, with the token resolved (and generated, on a first start) once. */
    public static OperatorAccess forContext(CamelContext context) {
        return ContextBeans.getOrCreate(context, BEAN, OperatorAccess.class, () -> {
            OperatorAccessSettings settings = Settings.of(context).get(OperatorAccessSettings.GROUP);
            ConsoleSessions sessions = new ConsoleSessions(settings.sessionTtl(), java.time.Clock.systemUTC());
            return new OperatorAccess(new AccessPolicy(OperatorToken.resolve(settings), sessions), sessions);
        });
    }

    /** The console's sessions, which count as the token (see {@link AccessPolicy}). */
    public ConsoleSessions sessions() {
        return sessions;
    }

    /** The request's Cookie header, as the HTTP server received it (null if none). */
    public static String cookies(Exchange exchange) {
        return exchange.getIn() instanceof HttpMessage message && message.getRequest() != null
                ? message.getRequest().getHeader("Cookie") : null;
    }

    /** Whether the exchange came over TLS (cookies get {@code Secure} then). */
    public static boolean overTls(Exchange exchange) {
        return exchange.getIn() instanceof HttpMessage message && message.getRequest() != null
                && message.getRequest().isSSL();
    }

    @Override
    public void process(Exchange exchange) {
        AccessRequest request = request(exchange);
        AccessDecision decision = request == null
                ? AccessDecision.forbidden("operator requests are accepted over HTTP only")
                : policy.decide(request);
        if (decision.allowed()) {
            return;
        }
        JsonObject body = new JsonObject();
        body.put("error", decision.error());
        body.put("message", decision.message());
        JsonResponses.write(exchange, decision.status(), body);
        if (decision.status() == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"edakit\"");
        }
        exchange.setRouteStop(true);
    }

    /** Whether the caller of this exchange may see the process's user, directories and pid. */
    public boolean seesProcessDetails(Exchange exchange) {
        AccessRequest request = request(exchange);
        return request != null && policy.seesProcessDetails(request);
    }

    private static AccessRequest request(Exchange exchange) {
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
