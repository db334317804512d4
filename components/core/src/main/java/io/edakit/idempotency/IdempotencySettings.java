package io.edakit.idempotency;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingException;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;
import io.edakit.jdbc.JdbcSettings;

/**
 * The {@code edakit.idempotency.*} settings: which store idempotent consumers and stale guards use.
 *
 * @param store    where processed keys are remembered
 * @param database   the database of {@link Store#JDBC} (read, with its defaults, whatever the store)
 * @param repository the registry name of the Camel {@code IdempotentRepository} of {@link Store#CAMEL}, or empty
 */
public record IdempotencySettings(Store store, JdbcSettings database, String repository) {

    /** The kinds of store, by the word that names them in {@link #STORE}. */
    public enum Store {
        MEMORY, JDBC, KAFKA, CAMEL;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final ParameterSpec STORE = ParameterSpec.builder("edakit.idempotency.store", ParameterType.ENUM)
            .allowed("memory", "jdbc", "kafka", "camel").defaultValue("memory")
            .description("Where idempotent consumers remember processed keys and stale-guard positions. memory: this "
                    + "process only, lost on restart, at most 1,000,000 keys per template instance. jdbc: the "
                    + "database at edakit.idempotency.jdbc-url (H2 or PostgreSQL), shared by every instance using it. "
                    + "kafka: a compacted topic per template instance on the Kafka cluster (no database), shared by "
                    + "every instance: the topic's order decides which of two racing claims wins. camel: the Camel IdempotentRepository bean "
                    + "named by edakit.idempotency.repository (Redis, Infinispan, JDBC ...): no window of its own "
                    + "(the repository evicts), no wait for a delivery in progress (see README).")
            .example("jdbc").build();
    public static final ParameterSpec REPOSITORY = ParameterSpec.builder("edakit.idempotency.repository",
                    ParameterType.STRING).defaultValue("")
            .description("With store=camel: the registry name of the Camel IdempotentRepository bean the templates "
                    + "use, with or without a leading #.")
            .example("#myRepository").build();
    public static final JdbcSettings.Keys JDBC = JdbcSettings.keys("edakit.idempotency", "idempotency",
            "the idempotency database (store=jdbc)", "the idempotency database", "");

    public static final SettingGroup<IdempotencySettings> GROUP = SettingGroup.of("Idempotency", keys(),
            IdempotencySettings::read);

    public IdempotencySettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(database, "database");
        repository = Objects.requireNonNullElse(repository, "").strip();
        if (repository.startsWith("#")) {
            repository = repository.substring(1);
        }
    }

    public static IdempotencySettings read(SettingSource source) {
        Store store = Store.valueOf(source.word(STORE).toUpperCase(Locale.ROOT));
        String repository = source.string(REPOSITORY);
        if (store == Store.CAMEL && repository.replace("#", "").isBlank()) {
            throw new SettingException(REPOSITORY.name(), "the registry name of a Camel IdempotentRepository bean "
                    + "(store=camel), such as #myRepository");
        }
        return new IdempotencySettings(store, JDBC.read(source), repository);
    }

    private static List<ParameterSpec> keys() {
        List<ParameterSpec> keys = new ArrayList<>(List.of(STORE, REPOSITORY));
        keys.addAll(JDBC.all());
        return keys;
    }
}
