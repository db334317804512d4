package io.edakit.operator.access;

import io.edakit.routes.support.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.json.JsonObject;

/**
 * Base of every HTTP API under {@code /edakit}: its routes start with {@link #operatorRoute}, so
 * each passes {@link OperatorAccess} before doing anything (a test sends every route of the running
 * application an unauthenticated request to hold later ones to that).
 */
public abstract class OperatorApi extends RouteBuilder {

    /** Prefix of every operator path. */
    public static final String PATH = "/edakit";

    /** A route answering {@code methods} (e.g. "GET,DELETE") on {@code PATH + path}, behind the access check. */
    protected RouteDefinition operatorRoute(String path, String methods) {
        return from("platform-http:" + PATH + path + "?httpMethodRestrict=" + methods)
                .process(OperatorAccess.forContext(getContext()));
    }

    /**
     * Answers the exception the route caught as {@code {"error": error, "message": ...}} with
     * {@code status}; a {@link BadRequest} is answered 400 {@code bad-request} whatever the route
     * mapped its exception type to. One shape of error body for every operator API.
     */
    protected static void error(Exchange exchange, int status, String error) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        JsonObject body = new JsonObject();
        body.put("error", cause instanceof BadRequest ? "bad-request" : error);
        body.put("message", cause == null ? "" : cause.getMessage());
        JsonResponses.write(exchange, cause instanceof BadRequest ? 400 : status, body);
    }

    /** A malformed request (an unknown state, a missing parameter): answered 400. */
    public static final class BadRequest extends IllegalArgumentException {
        public BadRequest(String message) {
            super(message);
        }
    }
}
