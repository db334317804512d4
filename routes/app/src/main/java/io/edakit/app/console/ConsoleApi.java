package io.edakit.app.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.edakit.operator.access.ConsoleSessions;
import io.edakit.operator.access.OperatorAccess;
import io.edakit.operator.access.OperatorApi;
import io.edakit.routes.support.JsonResponses;
import io.edakit.workflow.graph.SvgDiagram;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The operations console: a page ({@code /console/}, plain HTML, CSS and JavaScript from the jar,
 * nothing loaded from elsewhere) that draws what the {@code /edakit} APIs answer, and the few
 * endpoints only the page needs:
 * <pre>
 * GET  /console/                   the page (and its scripts and style sheets): no data, open to all
 * POST /edakit/console/login       with 'Authorization: Bearer &lt;token&gt;': opens a session (cookie), answers its CSRF token
 * GET  /edakit/console/session     the session's CSRF token and end, or loggedIn=false
 * POST /edakit/console/logout      ends the session
 * GET  /edakit/console/overview    template instances' counter readings of the last minutes, health checks
 * </pre>
 * The page itself is outside {@code /edakit} because it holds nothing to protect and a browser on
 * another host has to load it to log in; everything it shows comes through the operator access check.
 */
public final class ConsoleApi extends OperatorApi {

    /** Where the page is. */
    public static final String PAGE = "/console";
    private static final String RESOURCES = "edakit/console/";
    /** The workflow drawing's look, from the code that draws it (a file saved by the CLI has it too). */
    private static final String GRAPH_CSS = "graph.css";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final Map<String, String> TYPES = Map.of("index.html", "text/html; charset=utf-8",
            "console.js", JS, "workflows.js", JS, "event-store.js", JS, "tenants.js", JS, "replays.js", JS,
            "console.css", CSS, GRAPH_CSS, CSS);
    /** Nothing but this origin's own files; no inline script, no frames (clickjacking). */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void configure() throws Exception {
        OperatorAccess access = OperatorAccess.forContext(getContext());
        ConsoleSessions sessions = access.sessions();
        MetricsHistory history = new MetricsHistory(getContext());
        getContext().addService(history, true, true);

        from("platform-http:" + PAGE + "?matchOnUriPrefix=true&httpMethodRestrict=GET").routeId("edakit-console-page")
                .process(this::page);

        operatorRoute("/console/login", "POST").routeId("edakit-console-login").process(exchange -> {
            ConsoleSessions.Session session = sessions.open();
            JsonResponses.write(exchange, 200, session(session));
            exchange.getMessage().setHeader("Set-Cookie", sessions.cookie(session, OperatorAccess.overTls(exchange)));
        });
        operatorRoute("/console/session", "GET").routeId("edakit-console-session").process(exchange -> {
            var session = sessions.find(OperatorAccess.cookies(exchange));
            JsonObject body = session.map(ConsoleApi::session).orElseGet(JsonObject::new);
            body.put("loggedIn", session.isPresent());
            JsonResponses.write(exchange, 200, body);
        });
        operatorRoute("/console/logout", "POST").routeId("edakit-console-logout").process(exchange -> {
            sessions.close(OperatorAccess.cookies(exchange));
            JsonObject body = new JsonObject();
            body.put("loggedIn", false);
            JsonResponses.write(exchange, 200, body);
            exchange.getMessage().setHeader("Set-Cookie", ConsoleSessions.expiredCookie(OperatorAccess.overTls(exchange)));
        });
        operatorRoute("/console/overview", "GET").routeId("edakit-console-overview").process(exchange -> {
            JsonObject body = new JsonObject();
            body.put("everySeconds", MetricsHistory.EVERY_SECONDS);
            body.put("readings", history.readings());
            body.put("health", health());
            JsonResponses.write(exchange, 200, body);
        });
    }

    private static JsonObject session(ConsoleSessions.Session session) {
        JsonObject body = new JsonObject();
        body.put("loggedIn", true);
        body.put("csrf", session.csrf());
        body.put("expires", session.expires().toString());
        return body;
    }

    private JsonArray health() {
        JsonArray checks = new JsonArray();
        for (HealthCheck.Result result : HealthCheckHelper.invoke(getContext(), "full")) {
            String id = result.getCheck().getId();
            if ((id.startsWith("route:") || id.startsWith("consumer:")) && result.getState() == HealthCheck.State.UP) {
                continue; // one per route: only those that are not up say something
            }
            JsonObject check = new JsonObject();
            check.put("id", result.getCheck().getId());
            check.put("state", result.getState().name());
            result.getMessage().ifPresent(message -> check.put("message", message));
            checks.add(check);
        }
        return checks;
    }

    private void page(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String uri = message.getHeader(Exchange.HTTP_URI, "", String.class);
        String path = uri.split("\\?", 2)[0];
        message.removeHeaders("*");
        if (path.equals(PAGE)) { // the page's files are named relative to /console/
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
            message.setHeader("Location", PAGE + "/");
            message.setBody("");
            return;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        String name = last.isEmpty() ? "index.html" : last;
        String type = path.equals(PAGE + "/" + last) ? TYPES.get(name) : null;
        if (type == null) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            message.setHeader(Exchange.CONTENT_TYPE, "text/plain");
            message.setBody("not found");
            return;
        }
        if (name.equals(GRAPH_CSS)) {
            message.setBody(SvgDiagram.style().getBytes(StandardCharsets.UTF_8));
        } else {
            try (InputStream in = ConsoleApi.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
                message.setBody(in.readAllBytes());
            }
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, type);
        message.setHeader("Content-Security-Policy", CSP);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("Cache-Control", "no-cache");
    }
}
