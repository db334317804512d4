package io.edakit.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.edakit.config.EdakitSettings;
import io.edakit.config.ParameterSpec;
import io.edakit.transport.kafka.KafkaSettings;

/**
 * The TCP ports a configuration makes the application listen on, each with the key that sets it:
 * the HTTP server, the management server when it has a port of its own, the embedded Artemis
 * broker's acceptor, the development Kafka broker. The configuration check refuses two of them on
 * one port; the start-up check refuses a port another process already holds.
 */
public final class Listeners {

    /**
     * @param key  the setting that chooses the port, named in every complaint about it
     * @param file where that setting was given (or the first configuration file, for a default)
     * @param host the interface it binds to
     * @param port 0 for a free port chosen at start-up
     */
    public record Listener(String key, String file, String host, int port) {
    }

    private Listeners() {
    }

    /** The listeners of {@code config}; values that are not valid numbers are left out (reported elsewhere). */
    public static List<Listener> of(LoadedConfig config) {
        List<Listener> listeners = new ArrayList<>();
        EdakitSettings settings = config.settings();
        boolean server = flag(config, HttpSettings.SERVER_ENABLED);
        if (server) {
            listener(config, HttpSettings.SERVER_PORT, text(config, HttpSettings.SERVER_HOST)).ifPresent(listeners::add);
        }
        if (flag(config, HttpSettings.MANAGEMENT_ENABLED)) {
            Optional<Listener> management = listener(config, HttpSettings.MANAGEMENT_PORT,
                    text(config, HttpSettings.MANAGEMENT_HOST));
            // on the server's port, Camel serves both from one server
            management.filter(m -> !server || listeners.isEmpty() || listeners.get(0).port() != m.port())
                    .ifPresent(listeners::add);
        }
        if (usesArtemis(settings) && settings.brokerUrl().isEmpty()) {
            listener(config, EdakitSettings.BROKER_PORT, settings.brokerHost()).ifPresent(listeners::add);
        }
        if (usesKafka(settings) && KafkaSettings.wantsEmbeddedBroker(settings)) {
            listener(config, KafkaSettings.EMBEDDED_PORT, KafkaSettings.EMBEDDED_HOST).ifPresent(listeners::add);
        }
        return listeners;
    }

    /** Whether channels run on Artemis, so that an embedded broker starts unless a URL names one. */
    public static boolean usesArtemis(EdakitSettings settings) {
        return "artemis".equals(settings.transport());
    }

    /** Whether anything needs a Kafka cluster: the transport, or the idempotency store. */
    public static boolean usesKafka(EdakitSettings settings) {
        return "kafka".equals(settings.transport()) || "kafka".equals(settings.value(EdakitSettings.IDEMPOTENCY_STORE));
    }

    private static Optional<Listener> listener(LoadedConfig config, ParameterSpec spec, String host) {
        Optional<ConfigEntry> entry = config.entry(spec.name());
        String value = entry.map(ConfigEntry::value).orElse(spec.defaultValue()).trim();
        if (spec.check(value).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Listener(spec.name(), entry.map(ConfigEntry::file).orElse(config.firstFile()), host,
                Integer.parseInt(value)));
    }

    private static boolean flag(LoadedConfig config, ParameterSpec spec) {
        return Boolean.parseBoolean(text(config, spec));
    }

    private static String text(LoadedConfig config, ParameterSpec spec) {
        return config.entry(spec.name()).map(ConfigEntry::value).orElse(spec.defaultValue()).trim();
    }
}
