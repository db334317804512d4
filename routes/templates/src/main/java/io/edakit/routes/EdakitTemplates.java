package io.edakit.routes;

import io.edakit.routes.catalog.TemplateRegistry;
import io.edakit.routes.metrics.TemplateMetricsPolicyFactory;
import io.edakit.routes.templates.EdakitTemplate;
import org.apache.camel.builder.RouteBuilder;

/**
 * Adds every edakit route template to a Camel context. In a Camel Main application:
 * {@code camel.main.routes-builder-classes=io.edakit.routes.EdakitTemplates}, then instantiate
 * templates with {@code camel.route-template[KEY].template-id=...}.
 */
public class EdakitTemplates extends RouteBuilder {

    @Override
    public void configure() {
        if (micrometerPresent()
                && getContext().getRoutePolicyFactories().stream().noneMatch(f -> f instanceof TemplateMetricsPolicyFactory)) {
            getContext().addRoutePolicyFactory(new TemplateMetricsPolicyFactory());
        }
        // The channel component owns the transport (the embedded broker by default): create it now so
        // the broker runs, and readiness reports it, even before any route uses a channel.
        getContext().getComponent("channel", true);
        for (EdakitTemplate template : TemplateRegistry.ALL) {
            template.define(this);
        }
    }

    /**
     * Whether the application has Micrometer (the library's dependency on it is optional): without
     * it there is no registry to count in, and the metrics classes could not even load.
     */
    private static boolean micrometerPresent() {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false, EdakitTemplates.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
