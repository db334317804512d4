package io.edakit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.edakit.app.EdakitRunner;
import io.edakit.app.config.LoadedConfig;
import io.edakit.operator.access.OperatorAccessSettings;
import io.edakit.config.Settings;
import io.edakit.config.SecretFile;
import io.edakit.routes.metrics.TemplateMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.main.Main;

/**
 * An edakit application as the fat jar runs it (same runner, same defaults), started in the test
 * JVM from properties the test writes to a file: configuration goes through the same files,
 * validation and Camel Main property loading as in production.
 */
public final class TestApp implements AutoCloseable {

    private final Main main;
    private final int httpPort;
    private final Path configFile;

    private TestApp(Main main, int httpPort, Path configFile) {
        this.main = main;
        this.httpPort = httpPort;
        this.configFile = configFile;
    }

    /**
     * Starts an application with {@code properties} (written to {@code directory/name.properties})
     * and its HTTP server on a free loopback port.
     */
    public static TestApp start(Path directory, String name, Map<String, String> properties,
                                RoutesBuilder... extraRoutes) {
        return start(directory, name, properties, Map.of(), extraRoutes);
    }

    /**
     * As {@link #start(Path, String, Map, RoutesBuilder...)}, with {@code beans} bound in the registry
     * before Camel configures anything (an in-memory span exporter, say).
     */
    public static TestApp start(Path directory, String name, Map<String, String> properties, Map<String, Object> beans,
                                RoutesBuilder... extraRoutes) {
        Path file = writeProperties(directory.resolve(name + ".properties"), properties);
        try {
            LoadedConfig config = LoadedConfig.fromFiles(List.of(file));
            List<?> problems = EdakitRunner.validate(config);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("test configuration is invalid: " + problems);
            }
            int port = FreePorts.next();
            Map<String, String> overrides = new LinkedHashMap<>();
            overrides.put("camel.server.port", String.valueOf(port));
            overrides.put("camel.management.port", String.valueOf(port));
            if (!properties.containsKey(OperatorAccessSettings.TOKEN_FILE.name())) {
                // the generated operator token lands beside the test's files, not in the module directory
                overrides.put(OperatorAccessSettings.TOKEN_FILE.name(), directory.resolve(name + ".http-token").toString());
            }
            Main main = EdakitRunner.prepare(config, overrides);
            beans.forEach(main::bind);
            for (RoutesBuilder routes : extraRoutes) {
                main.configure().addRoutesBuilder(routes);
            }
            main.start();
            return new TestApp(main, port, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("application " + name + " did not start", e);
        }
    }

    /** Adds a template instance {@code name} of {@code template} with these parameters to {@code config}. */
    public static void instance(Map<String, String> config, String name, String template, Map<String, String> params) {
        config.put("camel.route-template[" + name + "].template-id", template);
        params.forEach((key, value) -> config.put("camel.route-template[" + name + "]." + key, value));
    }

    public static Path writeProperties(Path file, Map<String, String> properties) {
        Properties props = new Properties();
        props.putAll(properties);
        try (Writer writer = Files.newBufferedWriter(file)) {
            props.store(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    /** {@code edakit_messages_total} of template instance {@code route} with {@code outcome} (0 before any). */
    public long messages(String route, String outcome) {
        MeterRegistry registry = context().getRegistry().findSingleByType(MeterRegistry.class);
        var counter = registry.find(TemplateMetrics.MESSAGES).tag(TemplateMetrics.TAG_ROUTE, route)
                .tag(TemplateMetrics.TAG_OUTCOME, outcome).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    /** The operator token the application accepts: the configured one, or the one it generated. */
    public String operatorToken() {
        OperatorAccessSettings settings = Settings.of(context()).get(OperatorAccessSettings.GROUP);
        return settings.token().orElseGet(() -> SecretFile.read(settings.tokenFile(), "operator token"));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path configFile() {
        return configFile;
    }

    @Override
    public void close() {
        main.stop();
    }
}
