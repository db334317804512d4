package io.edakit.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.app.config.ConfigProblem;
import io.edakit.app.config.ConfigValidator;
import io.edakit.app.config.HttpSettings;
import io.edakit.app.config.LoadedConfig;
import io.edakit.app.dlq.DeadLetterApi;
import io.edakit.app.http.MainServerHttpEngine;
import io.edakit.app.saga.SagaApi;
import io.edakit.app.startup.DevelopmentKafka;
import io.edakit.config.ParameterSpec;
import io.edakit.routes.EdakitTemplates;
import org.apache.camel.main.Main;

/**
 * Runs template instances from configuration files as one Camel Main application: validates
 * the configuration first, then starts Camel with the files as its property sources (a later file
 * overriding an earlier one) and edakit's operational defaults (HTTP, health, metrics and the
 * dead-letter API on 127.0.0.1:8080) beneath them, plus the development Kafka broker when the
 * configuration asks for it ({@link DevelopmentKafka}).
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
        // One port for user HTTP routes and management by default; another management port works
        // too (see MainServerHttpEngine)
        for (ParameterSpec http : HttpSettings.DEFINITIONS) {
            defaults.put(http.name(), http.defaultValue());
        }
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
        Main main = new EdakitMain();
        main.configure().addRoutesBuilder(new EdakitTemplates());
        main.configure().addRoutesBuilder(new DeadLetterApi());
        main.configure().addRoutesBuilder(new SagaApi());
        main.bind(MainServerHttpEngine.REGISTRY_NAME, new MainServerHttpEngine());
        main.addMainListener(new DevelopmentKafka());
        DEFAULTS.forEach(main::addInitialProperty);
        // Camel gives the first location the highest priority; edakit's promise (and the check's
        // reading) is that a later file overrides an earlier one
        List<String> locations = new ArrayList<>(config.locations());
        Collections.reverse(locations);
        main.setPropertyPlaceholderLocations(String.join(",", locations));
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
