package io.edakit.deadletter;

import java.util.List;

import io.edakit.config.Bounds;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;

/**
 * The {@code edakit.dlq.*} settings of redrive (CLI and HTTP API alike).
 *
 * @param maxRedrives a dead letter sent back this many times stays in its dead-letter channel
 */
public record RedriveSettings(int maxRedrives) {

    public static final ParameterSpec MAX_REDRIVES = ParameterSpec.builder("edakit.dlq.max-redrives", ParameterType.INTEGER)
            .bounds(Bounds.atLeast(0)).defaultValue(5).description("A dead letter sent back this many times stays in its dead-letter channel "
                    + "instead of cycling (redrive command and HTTP API).").example(3).build();

    public static final SettingGroup<RedriveSettings> GROUP = SettingGroup.of("Dead letters", List.of(MAX_REDRIVES),
            RedriveSettings::read);

    public static RedriveSettings read(SettingSource source) {
        return new RedriveSettings(source.integer(MAX_REDRIVES));
    }
}
