package io.edakit.app.config;

import java.util.List;

import io.edakit.config.Bounds;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;

/**
 * Camel Main's keys for the two HTTP servers edakit runs, user routes ({@code camel.server.*}) and
 * health and metrics ({@code camel.management.*}), with edakit's defaults: loopback, one port.
 * Declared here so that the configuration check judges them like edakit's own settings.
 */
public final class HttpSettings {

    public static final ParameterSpec SERVER_ENABLED = ParameterSpec.builder("camel.server.enabled", ParameterType.BOOLEAN)
            .defaultValue(true).description("Whether the HTTP server of user routes runs.").build();
    public static final ParameterSpec SERVER_HOST = ParameterSpec.builder("camel.server.host", ParameterType.STRING)
            .defaultValue("127.0.0.1").description("Interface the HTTP server binds to.").build();
    public static final ParameterSpec SERVER_PORT = ParameterSpec.builder("camel.server.port", ParameterType.INTEGER)
            .bounds(Bounds.of(0, 65535)).defaultValue(8080).description("Port of the HTTP server.").build();
    public static final ParameterSpec MANAGEMENT_ENABLED = ParameterSpec
            .builder("camel.management.enabled", ParameterType.BOOLEAN).defaultValue(true)
            .description("Whether health, metrics and info are served.").build();
    public static final ParameterSpec MANAGEMENT_HOST = ParameterSpec.builder("camel.management.host", ParameterType.STRING)
            .defaultValue("127.0.0.1").description("Interface of health, metrics and info.").build();
    public static final ParameterSpec MANAGEMENT_PORT = ParameterSpec
            .builder("camel.management.port", ParameterType.INTEGER).bounds(Bounds.of(0, 65535)).defaultValue(8080)
            .description("Port of health, metrics and info; the HTTP server's port serves both.").build();

    public static final List<ParameterSpec> DEFINITIONS = List.of(SERVER_ENABLED, SERVER_HOST, SERVER_PORT,
            MANAGEMENT_ENABLED, MANAGEMENT_HOST, MANAGEMENT_PORT);

    private HttpSettings() {
    }
}
