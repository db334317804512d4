package io.edakit.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.edakit.config.ParameterSpec;
import io.edakit.config.SettingSource;
import io.edakit.idempotency.IdempotencySettings;
import io.edakit.saga.SagaSettings;
import io.edakit.jdbc.SqlDialect;
import io.edakit.schema.SchemaLoadException;
import io.edakit.schema.SchemaRegistry;
import io.edakit.schema.SchemaSettings;
import io.edakit.transport.TransportSettings;
import io.edakit.transport.kafka.KafkaSettings;

/**
 * The checks of settings that one value's type cannot tell: settings that need each other (Kafka
 * without brokers), files and folders a setting names (the schema directory and its schemas),
 * database URLs, the HTTP servers' keys, and two listeners on one port. Reads files, opens nothing.
 */
final class SettingChecks {

    private SettingChecks() {
    }

    static List<ConfigProblem> check(LoadedConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        SettingSource settings = config.settings();
        kafkaBrokers(config, settings).ifPresent(problems::add);
        schemaDirectory(config).ifPresent(problems::add);
        for (ParameterSpec url : List.of(IdempotencySettings.JDBC.url(), SagaSettings.JDBC.url())) {
            given(config, url).ifPresent(entry -> databaseUrl(entry).ifPresent(problems::add));
        }
        for (ParameterSpec spec : HttpSettings.DEFINITIONS) {
            given(config, spec).ifPresent(entry -> spec.check(entry.value())
                    .ifPresent(problem -> problems.add(new ConfigProblem(entry.file(), entry.key(), problem))));
        }
        problems.addAll(sharedPorts(config));
        return problems;
    }

    /** Kafka in use (transport or idempotency store) with nowhere to connect. */
    private static Optional<ConfigProblem> kafkaBrokers(LoadedConfig config, SettingSource settings) {
        if (!Listeners.usesKafka(settings) || settings.find(KafkaSettings.BOOTSTRAP_SERVERS).isPresent()
                || KafkaSettings.wantsEmbeddedBroker(settings)) {
            return Optional.empty();
        }
        String file = config.entry(TransportSettings.TRANSPORT.name())
                .filter(entry -> entry.value().trim().equals("kafka"))
                .or(() -> config.entry(IdempotencySettings.STORE.name()))
                .map(ConfigEntry::file).orElse(config.firstFile());
        return Optional.of(new ConfigProblem(file, KafkaSettings.BOOTSTRAP_SERVERS.name(),
                KafkaSettings.missingBootstrapServers()));
    }

    /** A schema directory that is named must exist and hold valid schemas; otherwise no event would be checked. */
    private static Optional<ConfigProblem> schemaDirectory(LoadedConfig config) {
        Optional<ConfigEntry> entry = given(config, SchemaSettings.DIRECTORY);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Path directory = Path.of(entry.get().value().trim());
        String problem = null;
        if (!Files.exists(directory)) {
            problem = "directory " + directory.toAbsolutePath().normalize() + " does not exist; expected a folder of "
                    + "JSON Schemas (<event-type>.json or <event-type>/<version>.json)";
        } else if (!Files.isDirectory(directory)) {
            problem = directory + " is a file; expected a folder of JSON Schemas";
        } else {
            try {
                SchemaRegistry.load(directory);
            } catch (SchemaLoadException e) {
                problem = e.getMessage();
            }
        }
        return Optional.ofNullable(problem).map(text -> new ConfigProblem(entry.get().file(), entry.get().key(), text));
    }

    private static Optional<ConfigProblem> databaseUrl(ConfigEntry entry) {
        try {
            SqlDialect.of(entry.value().trim());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // the URL may hold a password (jdbc:postgresql://...?password=...): name the expectation only
            return Optional.of(new ConfigProblem(entry.file(), entry.key(),
                    "unsupported database URL: expected jdbc:h2:... or jdbc:postgresql:..."));
        }
    }

    /** Two listeners on one port: the second would fail to bind at start-up, after the first opened. */
    private static List<ConfigProblem> sharedPorts(LoadedConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<Integer, Listeners.Listener> byPort = new HashMap<>();
        for (Listeners.Listener listener : Listeners.of(config)) {
            if (listener.port() == 0) {
                continue;
            }
            Listeners.Listener first = byPort.putIfAbsent(listener.port(), listener);
            if (first != null) {
                problems.add(new ConfigProblem(listener.file(), listener.key(), "port " + listener.port()
                        + " is also " + first.key() + "; expected a port of its own"));
            }
        }
        return problems;
    }

    /** The entry of a setting, when given with a non-blank value. */
    private static Optional<ConfigEntry> given(LoadedConfig config, ParameterSpec spec) {
        return config.entry(spec.name()).filter(entry -> !entry.value().isBlank());
    }
}
