package io.edakit.app.config;

import io.edakit.transport.artemis.ArtemisBrokerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.edakit.config.ParameterSpec;
import io.edakit.config.SettingSource;
import io.edakit.idempotency.IdempotencySettings;
import io.edakit.transport.TransportSettings;
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
        SettingSource settings = config.settings();
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
        if (usesArtemis(settings) && settings.find(ArtemisBrokerSettings.URL).isEmpty()) {
            listener(config, ArtemisBrokerSettings.PORT, settings.text(ArtemisBrokerSettings.HOST)).ifPresent(listeners::add);
        }
        if (usesKafka(settings) && KafkaSettings.wantsEmbeddedBroker(settings)) {
            listener(config, KafkaSettings.EMBEDDED_PORT, KafkaSettings.EMBEDDED_HOST).ifPresent(listeners::add);
        }
        return listeners;
    }

    /**
     * Whether channels run on Artemis, so that an embedded broker starts unless a URL names one.
     * Reads the text (the check asks before it judged the values); a running instance asks
     * {@link TransportSettings} instead.
     */
    public static boolean usesArtemis(SettingSource settings) {
        return "artemis".equalsIgnoreCase(settings.text(TransportSettings.TRANSPORT).trim());
    }

    /** Whether anything needs a Kafka cluster: the transport, or the idempotency store. Reads the text, as above. */
    public static boolean usesKafka(SettingSource settings) {
        return "kafka".equalsIgnoreCase(settings.text(TransportSettings.TRANSPORT).trim())
                || "kafka".equalsIgnoreCase(settings.text(IdempotencySettings.STORE).trim());
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
