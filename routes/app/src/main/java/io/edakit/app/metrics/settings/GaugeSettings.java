package io.edakit.app.metrics.settings;

import java.time.Duration;
import java.util.List;

import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;

/**
 * The {@code edakit.metrics.*} settings of the operational gauges ({@link io.edakit.app.metrics.OperationalGauges}).
 *
 * @param refresh how often the gauges are read from the broker and the stores (saga log, workflow store, projections)
 */
public record GaugeSettings(Duration refresh) {

    public static final ParameterSpec REFRESH = ParameterSpec.builder("edakit.metrics.gauge-refresh", ParameterType.DURATION)
            .defaultValue("15s").description("How often the gauges edakit_dead_letters_waiting, edakit_sagas, "
                    + "edakit_kafka_consumer_lag, edakit_workflows and the projection gauges edakit_projection_lag and "
                    + "edakit_projection_lag_age_seconds are read (from the broker, the saga log, the workflow store and "
                    + "the event store's head and projection checkpoints, in the background): a scrape shows the last "
                    + "reading, never waits for the broker or a store.").example("30s").build();

    public static final SettingGroup<GaugeSettings> GROUP = SettingGroup.of("Metrics", List.of(REFRESH), GaugeSettings::read);

    public static GaugeSettings read(SettingSource source) {
        return new GaugeSettings(source.duration(REFRESH));
    }
}
