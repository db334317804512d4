package io.edakit.app.http;

import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;

import io.edakit.operator.access.AccessPolicy;
import io.edakit.operator.access.OperatorAccess;
import io.edakit.routes.support.JsonResponses;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.util.json.JsonObject;

/**
 * {@code GET /observe/info} (under {@code camel.management.path}), in place of Camel's own, which
 * tells every caller the process id, the user it runs as and its directories. Here only callers the
 * {@link AccessPolicy} counts as local (or holding the operator token) get those; everyone else
 * gets the same answer without them.
 */
public final class InstanceInfoApi extends RouteBuilder {

    @Override
    public void configure() {
        if (!Boolean.parseBoolean(getContext().getPropertiesComponent().resolveProperty("camel.management.enabled")
                .orElse("false"))) {
            return;
        }
        OperatorAccess access = OperatorAccess.forContext(getContext());
        from("platform-http:{{camel.management.path:/observe}}/info?httpMethodRestrict=GET").routeId("edakit-info")
                .process(exchange -> JsonResponses.write(exchange, 200,
                        info(exchange.getContext(), access.seesProcessDetails(exchange))));
    }

    static JsonObject info(CamelContext context, boolean processDetails) {
        JsonObject root = new JsonObject();
        JsonObject os = new JsonObject();
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        root.put("os", os);

        JsonObject java = new JsonObject();
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        java.put("vendor", runtime.getVmVendor());
        java.put("name", runtime.getVmName());
        java.put("vmVersion", runtime.getVmVersion());
        java.put("version", System.getProperty("java.version"));
        if (processDetails) {
            java.put("pid", runtime.getPid());
            java.put("user", System.getProperty("user.name"));
            java.put("dir", System.getProperty("user.dir"));
            java.put("home", System.getProperty("user.home"));
        }
        root.put("java", java);

        JsonObject camel = new JsonObject();
        camel.put("name", context.getName());
        camel.put("version", context.getVersion());
        camel.put("status", context.getStatus().name());
        boolean up = HealthCheckHelper.invoke(context).stream().allMatch(r -> r.getState() == HealthCheck.State.UP);
        camel.put("ready", up ? "1/1" : "0/1");
        long started = context.getRoutes().stream().map(r -> context.getRouteController().getRouteStatus(r.getRouteId()))
                .filter(status -> status != null && status.isStarted()).count();
        camel.put("routes", started + "/" + context.getRoutes().size());
        camel.put("age", CamelContextHelper.getUptime(context));
        root.put("camel", camel);
        return root;
    }
}
