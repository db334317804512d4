package io.edakit.routes.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;

/**
 * Attaches {@link TemplateMetricsPolicy} to every route created from a template, when the
 * application has a Micrometer registry (the fat jar does; a library user may not).
 */
public final class TemplateMetricsPolicyFactory implements RoutePolicyFactory {

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        if (!(route instanceof RouteDefinition definition) || !definition.isCreatedFromTemplate()) {
            return null;
        }
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        return registry == null ? null : new TemplateMetricsPolicy(registry);
    }
}
