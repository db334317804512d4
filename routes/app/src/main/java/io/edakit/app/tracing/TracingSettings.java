package io.edakit.app.tracing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.edakit.config.Bounds;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingException;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;

/**
 * The {@code edakit.tracing.*} settings: whether the application records OpenTelemetry spans and
 * where it sends them. Off by default; W3C trace context headers travel through channels either way.
 *
 * @param enabled     whether spans are recorded and exported
 * @param exporter    where finished spans go
 * @param endpoint    the OTLP/HTTP traces endpoint ({@link Exporter#OTLP})
 * @param serviceName the {@code service.name} resource attribute of every span
 * @param sampleRatio the share of new traces recorded; a caller's sampling decision is followed
 * @param exportDelay how long finished spans wait to be exported in one batch
 * @param headers     sent with every OTLP export request (authentication): secret, never in {@link #toString}
 */
public record TracingSettings(boolean enabled, Exporter exporter, URI endpoint, String serviceName, double sampleRatio,
                              Duration exportDelay, Map<String, String> headers) {

    public TracingSettings {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Where finished spans go. */
    public enum Exporter {
        /** OTLP over HTTP (protobuf), sent with the JDK's HTTP client (with the configured headers): a collector, Jaeger, Tempo ... */
        OTLP,
        /** One log line per span (logger {@code io.opentelemetry.exporter.logging}), for a first look. */
        LOGGING
    }

    public static final ParameterSpec ENABLED = ParameterSpec.builder("edakit.tracing.enabled", ParameterType.BOOLEAN)
            .defaultValue(false).description("Record OpenTelemetry spans (Camel's telemetry module: one span per "
                    + "route and per endpoint call, channel hops, saga steps) and export them. Off: no span is "
                    + "recorded, and the traceparent/tracestate headers a caller sent still travel through every "
                    + "channel unchanged.").example(true).build();
    public static final ParameterSpec EXPORTER = ParameterSpec.builder("edakit.tracing.exporter", ParameterType.ENUM)
            .allowed("otlp", "logging").defaultValue("otlp").description("Where spans go: otlp (OTLP over HTTP to "
                    + "edakit.tracing.otlp-endpoint) or logging (one INFO line per span, to look at traces without "
                    + "a collector).").build();
    public static final ParameterSpec OTLP_ENDPOINT = ParameterSpec.builder("edakit.tracing.otlp-endpoint", ParameterType.STRING)
            .defaultValue("http://127.0.0.1:4318/v1/traces").description("The OTLP/HTTP traces endpoint of a "
                    + "collector (protobuf; an OpenTelemetry Collector, Jaeger and Grafana Tempo accept it on port 4318).")
            .example("http://otel-collector:4318/v1/traces").build();
    public static final ParameterSpec SERVICE_NAME = ParameterSpec.builder("edakit.tracing.service-name", ParameterType.STRING)
            .defaultValue("edakit").description("The service.name every span of this instance carries.").build();
    public static final ParameterSpec SAMPLE_RATIO = ParameterSpec.builder("edakit.tracing.sample-ratio", ParameterType.NUMBER)
            .bounds(Bounds.of(0, 1)).defaultValue("1.0").description("Share of new traces recorded (0 to 1); a message "
                    + "or request that arrives with a traceparent follows its caller's sampling decision.")
            .example("0.1").build();
    public static final ParameterSpec EXPORT_DELAY = ParameterSpec.builder("edakit.tracing.export-delay", ParameterType.DURATION)
            .defaultValue("2s").description("How long finished spans wait to be exported together (one request to the "
                    + "collector per batch); spans still waiting are exported when the application stops.").build();

    public static final ParameterSpec OTLP_HEADERS = ParameterSpec.builder("edakit.tracing.otlp-headers", ParameterType.STRING)
            .secret().defaultValue("").description("Headers sent with every OTLP export request, as comma-separated "
                    + "name=value pairs (the format of OTEL_EXPORTER_OTLP_HEADERS; a value may be percent-encoded): "
                    + "a collector's or vendor's authentication. Never logged; keep it out of files: "
                    + "EDAKIT_TRACING_OTLP_HEADERS in the environment.").example("Authorization=Bearer abc123").build();

    public static final SettingGroup<TracingSettings> GROUP = SettingGroup.of("Tracing",
            List.of(ENABLED, EXPORTER, OTLP_ENDPOINT, SERVICE_NAME, SAMPLE_RATIO, EXPORT_DELAY, OTLP_HEADERS),
            TracingSettings::read);

    public static TracingSettings read(SettingSource source) {
        String endpoint = source.string(OTLP_ENDPOINT);
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new SettingException(OTLP_ENDPOINT.name(), "an http(s) URL, not '" + endpoint + "'");
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
            throw new SettingException(OTLP_ENDPOINT.name(), "an http(s) URL, not '" + endpoint + "'");
        }
        return new TracingSettings(source.bool(ENABLED),
                Exporter.valueOf(source.word(EXPORTER).toUpperCase(Locale.ROOT)), uri, source.string(SERVICE_NAME),
                Double.parseDouble(source.text(SAMPLE_RATIO)), source.duration(EXPORT_DELAY),
                headers(source.string(OTLP_HEADERS)));
    }

    /**
     * {@code name=value,name=value}; a refusal names the entry by its place, never by its text (it
     * holds a secret).
     */
    static Map<String, String> headers(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return headers;
        }
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i];
            int equals = entry.indexOf('=');
            String name = equals < 0 ? "" : entry.substring(0, equals).trim();
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                throw new SettingException(OTLP_HEADERS.name(), "comma-separated name=value pairs "
                        + "(Authorization=Bearer abc123); entry " + (i + 1) + " of " + entries.length
                        + " has no header name before its '='");
            }
            String value;
            try {
                value = URLDecoder.decode(entry.substring(equals + 1).trim().replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new SettingException(OTLP_HEADERS.name(), "comma-separated name=value pairs; the value of "
                        + name + " has a '%' that does not start a percent-encoded byte");
            }
            headers.put(name, value);
        }
        return headers;
    }

    /** The settings without the headers' values (secrets): only their names. */
    @Override
    public String toString() {
        return "TracingSettings[enabled=" + enabled + ", exporter=" + exporter + ", endpoint=" + endpoint + ", serviceName="
                + serviceName + ", sampleRatio=" + sampleRatio + ", exportDelay=" + exportDelay + ", headers="
                + headers.keySet() + "]";
    }
}
