package io.edakit.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.edakit.config.Bounds;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;
import io.edakit.jdbc.JdbcSettings;

/**
 * The {@code edakit.saga.*} settings of the durable saga engine.
 *
 * @param log     the saga log's database
 * @param lease   how long a saga stays with an instance that stopped renewing its claim
 * @param workers sagas this instance works on at once
 */
public record SagaSettings(JdbcSettings log, Duration lease, int workers) {

    public static final JdbcSettings.Keys JDBC = JdbcSettings.keys("edakit.saga", "saga", "the saga log",
            "the saga log database", " Instances sharing it take over each other's sagas when one dies.");
    public static final ParameterSpec LEASE = ParameterSpec.builder("edakit.saga.lease", ParameterType.DURATION)
            .defaultValue("30s")
            .description("How long a saga stays with the instance working on it without that instance renewing "
                    + "its claim (it renews every third of this): after a crash, another instance (or the restarted "
                    + "one) resumes the saga this long after the last renewal.").example("10s").build();
    public static final ParameterSpec WORKERS = ParameterSpec.builder("edakit.saga.workers", ParameterType.INTEGER)
            .bounds(Bounds.atLeast(1)).defaultValue(8)
            .description("Sagas this instance works on at once (each runs its steps one after another).")
            .example(32).build();

    public static final SettingGroup<SagaSettings> GROUP = SettingGroup.of("Saga", keys(), SagaSettings::read);

    public SagaSettings {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(lease, "lease");
    }

    public static SagaSettings read(SettingSource source) {
        return new SagaSettings(JDBC.read(source), source.duration(LEASE), source.integer(WORKERS));
    }

    private static List<ParameterSpec> keys() {
        List<ParameterSpec> keys = new ArrayList<>(JDBC.all());
        keys.addAll(List.of(LEASE, WORKERS));
        return keys;
    }
}
