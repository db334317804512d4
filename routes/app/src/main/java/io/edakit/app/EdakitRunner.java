package io.edakit.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.app.config.ExposureRules;
import io.edakit.app.http.InstanceInfoApi;
import io.edakit.app.config.ConfigProblem;
import io.edakit.app.config.ConfigValidator;
import io.edakit.app.config.EffectiveProperties;
import io.edakit.app.config.HttpSettings;
import io.edakit.app.config.LoadedConfig;
import io.edakit.app.http.MainServerHttpEngine;
import io.edakit.app.http.VertxRequestReader;
import io.edakit.app.console.ConsoleApi;
import io.edakit.operator.OperatorApis;
import io.edakit.operator.access.OperatorRequestReader;
import io.edakit.app.config.SettingGroups;
import io.edakit.app.startup.DevelopmentKafka;
import io.edakit.app.metrics.CamelTimerHistograms;
import io.edakit.app.metrics.OperationalGauges;
import io.edakit.app.tracing.TracingSetup;
import io.edakit.config.ParameterSpec;
import io.edakit.routes.EdakitTemplates;
import org.apache.camel.main.Main;

/**
 * Runs template instances from configuration files as one Camel Main application: validates
 * the configuration first, then starts Camel with the files as its property sources (a later file
 * overriding an earlier one) and edakit's operational defaults (HTTP, health, metrics and the
 * dead-letter API on 127.0.0.1:8080) beneath them, plus the development Kafka broker when the
 * configuration asks for it ({@link DevelopmentKafka}). The operator API answers changes only with
 * the operator token ({@link io.edakit.operator.access.AccessPolicy}).
 */
public final class EdakitRunner {

    /**
     * The last segments of edakit's secret keys in the spelling Camel compares them in (lower case,
     * no dashes): Camel knows "password" but not "jdbc-password" or "token".
     */
    private static final String SENSITIVE_KEYWORDS = String.join(",", SettingGroups.KEYS.stream()
            .filter(ParameterSpec::secret).map(spec -> spec.name().substring(spec.name().lastIndexOf('.') + 1)
                    .replace("-", "").toLowerCase(java.util.Locale.ROOT)).distinct().toList());

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
        defaults.put("camel.metrics.enabled", "true");
        // Camel masks what it logs or shows (dev consoles, JMX) under these keys too
        defaults.put("camel.main.additionalSensitiveKeywords", SENSITIVE_KEYWORDS);
        // per-endpoint exchange timers: edakit's own metrics say more, and exchanges sent outside any
        // route (saga calls, outcome events) clash with the route-tagged timers in Prometheus
        defaults.put("camel.metrics.enableExchangeEventNotifier", "false");
        // Camel's MBeans (contexts, routes, processors with their statistics) for JConsole, hawtio and
        // Camel's own tooling; camel-management is in the jar. A second context of the same name in one
        // JVM is registered as edakit-1
        defaults.put("camel.main.jmxEnabled", "true");
        return defaults;
    }

    /**
     * Camel Main settings the configuration cannot change, because the replacements edakit puts in
     * their place keep secrets and process details to those entitled to them.
     */
    private static final Map<String, String> FIXED = Map.of(
            // Camel's configuration summaries print secrets of keys it does not know and passwords
            // inside endpoint URIs; StartupSummary logs the same, masked
            "camel.main.autoConfigurationLogSummary", "false",
            // Camel's /observe/info tells every caller the pid, user and directories; InstanceInfoApi
            // serves it, those to local callers only
            "camel.management.infoEnabled", "false");

    /** Problems with the configuration, one per line; empty when it is good. */
    public static List<ConfigProblem> validate(LoadedConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(new ConfigValidator().validate(config));
        problems.addAll(ExposureRules.check(EffectiveProperties.of(ConfigValidator.effective(config), DEFAULTS)));
        return problems;
    }

    /**
     * Problems with the configuration as {@code run} would use it, {@code --set} {@code overrides},
     * environment and system properties included; empty when it is good.
     */
    public static List<ConfigProblem> validate(LoadedConfig config, Map<String, String> overrides) {
        return validate(config.withOverrides(overrides));
    }

    /**
     * A Camel Main for {@code config}, not started. {@code overrides} win over the files
     * (command-line {@code --set}, tests choosing free ports).
     */
    public static Main prepare(LoadedConfig config, Map<String, String> overrides) {
        Main main = new EdakitMain();
        main.configure().addRoutesBuilder(new EdakitTemplates());
        // the /edakit operator APIs (which the Spring Boot starter serves too), read through Vert.x
        OperatorApis.routes().forEach(main.configure()::addRoutesBuilder);
        main.bind(OperatorRequestReader.BEAN, new VertxRequestReader());
        main.configure().addRoutesBuilder(new InstanceInfoApi());
        main.configure().addRoutesBuilder(new io.edakit.app.fairness.FairnessMetrics());
        main.configure().addRoutesBuilder(new ConsoleApi());
        main.bind(MainServerHttpEngine.REGISTRY_NAME, new MainServerHttpEngine());
        main.addMainListener(new DevelopmentKafka());
        main.addMainListener(new TracingSetup());
        main.addMainListener(new OperationalGauges());
        main.addMainListener(new CamelTimerHistograms());
        DEFAULTS.forEach(main::addInitialProperty);
        // Camel gives the first location the highest priority; edakit's promise (and the check's
        // reading) is that a later file overrides an earlier one
        List<String> locations = new ArrayList<>(config.locations());
        Collections.reverse(locations);
        main.setPropertyPlaceholderLocations(String.join(",", locations));
        overrides.forEach(main::addOverrideProperty);
        FIXED.forEach(main::addOverrideProperty);
        StartupSummary.log(config, overrides);
        return main;
    }
}
