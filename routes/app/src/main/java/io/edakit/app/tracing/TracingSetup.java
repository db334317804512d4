package io.edakit.app.tracing;

import java.util.concurrent.TimeUnit;

import io.edakit.config.Settings;
import io.edakit.workflow.camel.TaskCallTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns tracing on when {@code edakit.tracing.enabled=true}, before Camel configures anything: an
 * OpenTelemetry SDK of this application's own (not the JVM-global one, so two applications in one
 * JVM, as in the tests, do not mix spans), with W3C trace context and baggage propagation, and
 * Camel's {@link OpenTelemetryTracer} on top of it. The tracer opens a span for every route an
 * exchange enters and every endpoint it is sent to (the {@code channel:} hops named by
 * {@link ChannelSpanDecorator}, saga steps by their endpoints) and writes {@code traceparent} into
 * the message's headers, which the channel component carries across the broker. Workflow
 * executions and their task calls get spans of their own ({@link WorkflowSpans}).
 *
 * <p>Where spans go: an exporter bean in the registry (an embedding application's, a test's
 * in-memory one) if there is one, otherwise the configured {@link TracingSettings.Exporter}. Other
 * {@code camel.opentelemetry2.*} properties (exclude patterns, processor spans) apply to the same
 * tracer. The SDK is a service of the context: its last batch is exported when Camel stops.
 */
public final class TracingSetup extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(TracingSetup.class);
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        TracingSettings settings = Settings.of(camel).get(TracingSettings.GROUP);
        if (!settings.enabled()) {
            return;
        }
        Registry registry = camel.getRegistry();
        SpanExporter bound = registry.findSingleByType(SpanExporter.class);
        SpanExporter exporter = bound != null ? bound : exporter(settings);
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, settings.serviceName()))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.sampleRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(settings.exportDelay()).build())
                .build();
        // OpenTelemetryTracer looks both up by type in the registry before falling back to the global SDK
        Tracer spans = provider.get("io.edakit");
        ContextPropagators propagators = ContextPropagators.create(
                TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()));
        registry.bind("edakitTracingTracer", Tracer.class, spans);
        registry.bind("edakitTracingPropagators", ContextPropagators.class, propagators);
        // the workflow runner, created later with the first workflow instance, finds it there
        registry.bind("edakitWorkflowSpans", TaskCallTracer.class, new WorkflowSpans(spans, propagators));
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        // bound too, so that Camel Main sets camel.opentelemetry2.* properties on this one
        registry.bind("edakitTracing", tracer);
        tracer.init(camel);
        try {
            camel.addService(new ProviderService(provider), true, false);
        } catch (Exception e) {
            throw new IllegalStateException("tracing could not be set up: " + e.getMessage(), e);
        }
        LOG.info("Tracing on: spans of service '{}' go to {}", settings.serviceName(),
                bound != null ? bound.getClass().getSimpleName()
                        : settings.exporter() == TracingSettings.Exporter.OTLP ? settings.endpoint()
                                + (settings.headers().isEmpty() ? "" : " with header(s) " + settings.headers().keySet())
                        : "the log");
    }

    /** The configured exporter (package-private for the test that sends one span to a loopback collector). */
    static SpanExporter exporter(TracingSettings settings) {
        return switch (settings.exporter()) {
            case OTLP -> {
                var builder = OtlpHttpSpanExporter.builder().setEndpoint(settings.endpoint().toString());
                settings.headers().forEach(builder::addHeader);
                yield builder.build();
            }
            case LOGGING -> LoggingSpanExporter.create();
        };
    }

    /** Exports what is still waiting and stops the SDK's export thread when the context stops. */
    private static final class ProviderService extends ServiceSupport {
        private final SdkTracerProvider provider;

        ProviderService(SdkTracerProvider provider) {
            this.provider = provider;
        }

        @Override
        protected void doStop() {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
