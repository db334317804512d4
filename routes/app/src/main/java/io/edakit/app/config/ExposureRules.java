package io.edakit.app.config;

import io.edakit.operator.access.LoopbackHosts;
import io.edakit.operator.access.OperatorToken;
import io.edakit.operator.access.OperatorAccessSettings;
import io.edakit.transport.artemis.ArtemisBrokerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.edakit.config.SettingSource;
import io.edakit.transport.TransportSettings;

/**
 * Credentials that must be chosen, not generated, before a port listens beyond loopback: a
 * generated secret lives in a file on this host, and a well-known one is no secret at all. Checked
 * with everything {@code run} will use ({@code --set}, environment, files), before anything starts.
 * Problems name the key to set, never a value.
 */
public final class ExposureRules {

    /** Passwords anyone would try first (edakit's former default among them); the user name is refused too. */
    private static final List<String> WELL_KNOWN_PASSWORDS = List.of("edakit", "admin", "password", "artemis");

    private ExposureRules() {
    }

    public static List<ConfigProblem> check(EffectiveProperties properties) {
        SettingSource settings = SettingSource.of(properties::value);
        List<ConfigProblem> problems = new ArrayList<>();
        checkBroker(properties, settings).ifPresent(problems::add);
        checkHttp(properties, settings).ifPresent(problems::add);
        return problems;
    }

    private static Optional<ConfigProblem> checkBroker(EffectiveProperties properties, SettingSource settings) {
        String host = settings.text(ArtemisBrokerSettings.HOST);
        if (!settings.text(TransportSettings.TRANSPORT).trim().equalsIgnoreCase("artemis")
                || settings.find(ArtemisBrokerSettings.URL).isPresent() || LoopbackHosts.isLoopback(host)) {
            return Optional.empty();
        }
        String key = ArtemisBrokerSettings.PASSWORD.name();
        String exposure = "the embedded broker listens beyond loopback (" + ArtemisBrokerSettings.HOST.name() + "="
                + host + ", " + properties.source(ArtemisBrokerSettings.HOST.name()) + ")";
        Optional<String> password = settings.find(ArtemisBrokerSettings.PASSWORD);
        if (password.isEmpty()) {
            return Optional.of(new ConfigProblem(properties.source(ArtemisBrokerSettings.HOST.name()), key,
                    "required: " + exposure + "; set a password of your own, e.g. in the environment as "
                            + "EDAKIT_BROKER_PASSWORD"));
        }
        String value = password.get().toLowerCase(Locale.ROOT);
        if (WELL_KNOWN_PASSWORDS.contains(value) || value.equals(settings.text(ArtemisBrokerSettings.USER).toLowerCase(Locale.ROOT))) {
            return Optional.of(new ConfigProblem(properties.source(key), key, "a well-known password (a default, "
                    + "or the user name) is refused: " + exposure + "; choose a password of your own"));
        }
        return Optional.empty();
    }

    private static Optional<ConfigProblem> checkHttp(EffectiveProperties properties, SettingSource settings) {
        String key = OperatorAccessSettings.TOKEN.name();
        Optional<String> token = settings.find(key);
        if (token.isPresent() && token.get().length() < OperatorToken.MIN_LENGTH) {
            return Optional.of(new ConfigProblem(properties.source(key), key, "expected at least "
                    + OperatorToken.MIN_LENGTH + " characters (not shown: secret)"));
        }
        Optional<String> exposed = exposedHostKey(properties);
        if (exposed.isPresent() && token.isEmpty()) {
            String hostKey = exposed.get();
            return Optional.of(new ConfigProblem(properties.source(hostKey), key, "required: the HTTP server listens "
                    + "beyond loopback (" + hostKey + "=" + properties.value(hostKey).orElse("") + ", "
                    + properties.source(hostKey) + ") and a generated token would only be readable on this host; "
                    + "set a token of your own of at least " + OperatorToken.MIN_LENGTH + " characters, e.g. in the "
                    + "environment as EDAKIT_HTTP_TOKEN"));
        }
        return Optional.empty();
    }

    /** The host key of the HTTP server or the management server when it is enabled beyond loopback. */
    private static Optional<String> exposedHostKey(EffectiveProperties properties) {
        for (String server : List.of("camel.server", "camel.management")) {
            boolean enabled = Boolean.parseBoolean(properties.value(server + ".enabled").orElse("false"));
            String hostKey = server + ".host";
            if (enabled && !LoopbackHosts.isLoopback(properties.value(hostKey).orElse("0.0.0.0"))) {
                return Optional.of(hostKey);
            }
        }
        return Optional.empty();
    }
}
