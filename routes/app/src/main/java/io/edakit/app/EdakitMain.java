package io.edakit.app;

import io.edakit.app.config.HttpSettings;
import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel Main that does not run half-started: once started, it checks that every HTTP server is
 * listening, and stops with exit code 1 (naming the key to change) when one is not.
 *
 * <p>Why: Camel 4.17's HTTP server logs a failed bind (a port another process holds) and lets the
 * start-up go on, so the application would run with its broker and routes but without its HTTP
 * entry points, health and metrics. The start-up check finds a taken port before anything starts;
 * this catches a port taken in the seconds between that check and the bind.
 */
public final class EdakitMain extends Main {

    private static final Logger LOG = LoggerFactory.getLogger(EdakitMain.class);
    /** Exit code of a start-up that failed for a reason outside the configuration. */
    public static final int START_FAILED = 1;

    @Override
    protected void afterStart() throws Exception {
        super.afterStart();
        CamelContext context = getCamelContext();
        MainHttpServer main = context.hasService(MainHttpServer.class);
        for (VertxPlatformHttpServer server : context.hasServices(VertxPlatformHttpServer.class)) {
            if (!listening(server)) {
                int port = server.getConfigurationPort();
                String key = main != null && main.getPort() == port ? HttpSettings.SERVER_PORT.name()
                        : HttpSettings.MANAGEMENT_PORT.name();
                LOG.error("edakit failed to start: the HTTP server could not listen on port {} (in use by another "
                        + "process?); stop that process or choose another port with {}", port, key);
                exitCode.set(START_FAILED);
                completed();
                return;
            }
        }
    }

    /**
     * Vert.x's server says whether its bind succeeded only through its implementation class
     * ({@code actualPort()} reports the configured port either way).
     */
    private static boolean listening(VertxPlatformHttpServer server) {
        if (server.getServer() instanceof TCPServerBase tcp) {
            return tcp.isListening();
        }
        return server.getServer() != null && server.getServer().actualPort() > 0;
    }
}
