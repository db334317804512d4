package io.edakit.app.access;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

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
}
