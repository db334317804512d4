package io.edakit.app;

import java.util.Map;

import io.edakit.app.config.ConfigEntry;
import io.edakit.app.config.LoadedConfig;
import io.edakit.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration a run starts with, one line per key and where it was set, as Camel Main's
 * "Auto-configuration summary" and "Property-placeholders summary" show it, but with every secret
 * masked: Camel masks only keys it knows (so {@code edakit.saga.jdbc-password} and
 * {@code sasl.jaas.config} printed in clear) and never the passwords inside endpoint URIs. The
 * runner turns Camel's two summaries off in favour of this one.
 */
final class StartupSummary {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

    private StartupSummary() {
    }

    static void log(LoadedConfig config, Map<String, String> overrides) {
        if (!LOG.isInfoEnabled() || (config.entries().isEmpty() && overrides.isEmpty())) {
            return;
        }
        LOG.info("Configuration (secrets masked)");
        for (ConfigEntry entry : config.entries()) {
            if (!overrides.containsKey(entry.key())) {
                line(entry.file(), entry.key(), entry.value());
            }
        }
        overrides.forEach((key, value) -> line("--set", key, value));
    }

    private static void line(String source, String key, String value) {
        LOG.info("    [{}] {} = {}", source, key, Secrets.display(key, value));
    }
}
