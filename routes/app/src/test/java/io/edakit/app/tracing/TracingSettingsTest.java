package io.edakit.app.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.edakit.config.SettingSource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

/**
 * {@code edakit.tracing.otlp-headers}: parsed as OTEL_EXPORTER_OTLP_HEADERS is, refused without
 * repeating the secret, left out of the settings' text, and sent with an export to a collector
 * (a JDK HTTP server on loopback standing in for one).
 */
class TracingSettingsTest {

    private static TracingSettings read(Map<String, String> configured) {
        return TracingSettings.read(SettingSource.of(key -> Optional.ofNullable(configured.get(key))));
    }

    @Test
    void headersAreNameValuePairsWithPercentEncodedValues() {
        assertThat(read(Map.of()).headers()).isEmpty();
        assertThat(read(Map.of("edakit.tracing.otlp-headers", "Authorization=Bearer ab+c/d==, x-scope = team%2Cone")).headers())
                .containsExactly(Map.entry("Authorization", "Bearer ab+c/d=="), Map.entry("x-scope", "team,one"));
    }

    @Test
    void aMalformedEntryIsRefusedWithoutItsText() {
        assertThatThrownBy(() -> read(Map.of("edakit.tracing.otlp-headers", "Authorization=Bearer s3cret,s3cret-two")))
                .hasMessageContaining("edakit.tracing.otlp-headers").hasMessageContaining("entry 2 of 2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        assertThatThrownBy(() -> read(Map.of("edakit.tracing.otlp-headers", "Authorization=%zzs3cret")))
                .satisfies(e -> assertThat(e.getMessage()).contains("Authorization").doesNotContain("s3cret"));
    }

    @Test
    void theSettingsTextNamesTheHeadersOnly() {
        TracingSettings settings = read(Map.of("edakit.tracing.otlp-headers", "Authorization=Bearer s3cret"));
        assertThat(settings.toString()).contains("headers=[Authorization]").doesNotContain("s3cret");
    }

    @Test
    void anExportCarriesTheHeadersToTheCollector() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            seen.put("path", exchange.getRequestURI().getPath());
            seen.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            seen.put("tenant", String.valueOf(exchange.getRequestHeaders().getFirst("X-Tenant")));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            TracingSettings settings = read(Map.of("edakit.tracing.enabled", "true",
                    "edakit.tracing.otlp-endpoint", "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces",
                    "edakit.tracing.otlp-headers", "Authorization=Bearer s3cret,X-Tenant=blue"));
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(TracingSetup.exporter(settings))).build();
            provider.get("test").spanBuilder("one").startSpan().end();
            assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            provider.shutdown().join(10, TimeUnit.SECONDS);
            assertThat(seen).containsEntry("path", "/v1/traces").containsEntry("authorization", "Bearer s3cret")
                    .containsEntry("tenant", "blue");
        } finally {
            collector.stop(0);
        }
    }
}
