package io.edakit.operator.access;

import io.edakit.config.Settings;
import io.edakit.routes.support.ContextBeans;
import io.edakit.routes.support.JsonResponses;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.util.json.JsonObject;

/**
 * The first step of every operator route: applies the {@link AccessPolicy} to the HTTP request
 * and, when it refuses, answers (401, 403 or 415 with a JSON reason) and ends the route there. It
 * reads the peer address and headers from the HTTP server's own request (through the server's
 * {@link OperatorRequestReader}), never from message headers a caller could have set; a message that
 * did not come through that server is refused.
 */
public final class OperatorAccess implements Processor {

    private static final String BEAN = "edakitOperatorAccess";

    private final AccessPolicy policy;
    private final ConsoleSessions sessions;
    private final OperatorRequestReader reader;

    OperatorAccess(AccessPolicy policy, ConsoleSessions sessions, OperatorRequestReader reader) {
        this.policy = policy;
        this.sessions = sessions;
        this.reader = reader;
    }

    /** The context's one instance, with the token resolved (and generated, on a first start) once. */
    public static OperatorAccess forContext(CamelContext context) {
        return ContextBeans.getOrCreate(context, BEAN, OperatorAccess.class, () -> {
            OperatorAccessSettings settings = Settings.of(context).get(OperatorAccessSettings.GROUP);
            ConsoleSessions sessions = new ConsoleSessions(settings.sessionTtl(), java.time.Clock.systemUTC());
            return new OperatorAccess(new AccessPolicy(OperatorToken.resolve(settings), sessions), sessions,
                    reader(context));
        });
    }

    /** The HTTP server's reader; without one no request could pass, so the routes do not start. */
    private static OperatorRequestReader reader(CamelContext context) {
        OperatorRequestReader reader = context.getRegistry().lookupByNameAndType(OperatorRequestReader.BEAN,
                OperatorRequestReader.class);
        if (reader == null) {
            throw new IllegalStateException("the operator API needs the request reader of the application's HTTP "
                    + "server in the Camel registry as '" + OperatorRequestReader.BEAN + "' (edakit-app and the "
                    + "Spring Boot starter bind theirs)");
        }
        return reader;
    }

    /** The console's sessions, which count as the token (see {@link AccessPolicy}). */
    public ConsoleSessions sessions() {
        return sessions;
    }

    /** The request's Cookie header, as the HTTP server received it (null if none). */
    public static String cookies(Exchange exchange) {
        AccessRequest request = forContext(exchange.getContext()).request(exchange);
        return request == null ? null : request.headers().apply("Cookie");
    }

    /** Whether the exchange came over TLS (cookies get {@code Secure} then). */
    public static boolean overTls(Exchange exchange) {
        AccessRequest request = forContext(exchange.getContext()).request(exchange);
        return request != null && request.tls();
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

    private AccessRequest request(Exchange exchange) {
        return reader.read(exchange);
    }
}
