package io.edakit.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.app.config.ConfigProblem;
import io.edakit.app.config.ConfigValidator;
import io.edakit.app.config.LoadedConfig;
import io.edakit.app.dlq.DeadLetterApi;
import io.edakit.app.saga.SagaApi;
import io.edakit.routes.EdakitTemplates;
import org.apache.camel.main.Main;

/**
 * Runs template instances from configuration files as one Camel Main application: validates
 * the configuration first, then starts Camel with the files as its property sources and edakit's
 * operational defaults (HTTP, health, metrics and the dead-letter API on 127.0.0.1:8080) beneath them.
 */
public final class EdakitRunner {

    /** Defaults the configuration files may override. */
    static final Map<String, String> DEFAULTS = defaults();

    private EdakitRunner() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("camel.main.name", "edakit");
        defaults.put("camel.main.shutdown-timeout", "30");
        // One port for user HTTP routes and management: Camel 4.17 fails to start platform-http
        // routes when the two differ and the server port is not 8080.
        defaults.put("camel.server.enabled", "true");
        defaults.put("camel.server.host", "127.0.0.1");
        defaults.put("camel.server.port", "8080");
        defaults.put("camel.management.enabled", "true");
        defaults.put("camel.management.host", "127.0.0.1");
        defaults.put("camel.management.port", "8080");
        defaults.put("camel.management.health-check-enabled", "true");
        defaults.put("camel.management.metrics-enabled", "true");
        defaults.put("camel.management.info-enabled", "true");
        defaults.put("camel.metrics.enabled", "true");
        // per-endpoint exchange timers: edakit's own metrics say more, and exchanges sent outside any
        // route (saga calls, outcome events) clash with the route-tagged timers in Prometheus
        defaults.put("camel.metrics.enableExchangeEventNotifier", "false");
        return defaults;
    }

    /** Problems with the configuration, one per line; empty when it is good. */
    public static List<ConfigProblem> validate(LoadedConfig config) {
        return new ConfigValidator().validate(config);
    }

    /**
     * A Camel Main for {@code config}, not started. {@code overrides} win over the files
     * (command-line {@code --set}, tests choosing free ports).
     */
    public static Main prepare(LoadedConfig config, Map<String, String> overrides) {
        Main main = new Main();
        main.configure().addRoutesBuilder(new EdakitTemplates());
        main.configure().addRoutesBuilder(new DeadLetterApi());
        main.configure().addRoutesBuilder(new SagaApi());
        DEFAULTS.forEach(main::addInitialProperty);
        main.setPropertyPlaceholderLocations(String.join(",", config.locations()));
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
