package io.edakit.routes.metrics;

import io.edakit.channel.ChannelComponent;
import io.micrometer.core.instrument.FunctionCounter;
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
        if (registry == null) {
            return null;
        }
        bindRequestReplyCounters(context, registry);
        return new TemplateMetricsPolicy(registry);
    }

    /** Request-reply outcomes the channel component counts itself; bound once per registry. */
    private static void bindRequestReplyCounters(CamelContext context, MeterRegistry registry) {
        if (registry.find(TemplateMetrics.LATE_REPLIES).functionCounter() != null) {
            return;
        }
        ChannelComponent channels = context.getComponent("channel", ChannelComponent.class);
        FunctionCounter.builder(TemplateMetrics.LATE_REPLIES, channels, ChannelComponent::lateReplies)
                .description("Replies that arrived after their request had timed out (discarded)").register(registry);
        FunctionCounter.builder(TemplateMetrics.REQUEST_TIMEOUTS, channels, ChannelComponent::requestTimeouts)
                .description("Requests that got no reply within their timeout").register(registry);
    }
}
