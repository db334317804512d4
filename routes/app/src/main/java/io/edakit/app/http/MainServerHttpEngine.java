package io.edakit.app.http;

import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * The platform-http engine, attaching HTTP routes to the server of {@code camel.server.port}
 * whatever port the management server has.
 *
 * <p>Why: Camel 4.17's engine finds "the" server by type; with a management server on a port of its
 * own there are two, so it falls back to port 8080 and, unless the HTTP server happens to be on
 * 8080, every platform-http route fails to start ("No PlatformHttpEngine created and setup in
 * registry with name: platform-http-router-8080"). The engine names the router by the port it
 * reports, so reporting the HTTP server's configured port is the whole fix. Camel looks the
 * engine up in the registry under {@code platform-http-engine} before creating its own.
 */
public final class MainServerHttpEngine extends VertxPlatformHttpEngine {

    /** The registry name the platform-http component looks for. */
    public static final String REGISTRY_NAME = "platform-http-engine";

    @Override
    public int getServerPort() {
        MainHttpServer server = getCamelContext() == null ? null : getCamelContext().hasService(MainHttpServer.class);
        // a configured 0 (a free port) names the router "-0", which is how the server registers it too
        return server != null ? server.getPort() : super.getServerPort();
    }
}
