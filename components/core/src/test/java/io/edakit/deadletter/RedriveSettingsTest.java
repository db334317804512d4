package io.edakit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import io.edakit.config.SettingException;
import io.edakit.config.SettingSource;
import org.junit.jupiter.api.Test;

class RedriveSettingsTest {

    @Test
    void defaultsParsingAndRefusal() {
        assertThat(RedriveSettings.GROUP.read(SettingSource.empty()).maxRedrives()).isEqualTo(5);
        assertThat(RedriveSettings.GROUP.read(source("0")).maxRedrives()).isZero();
        assertThatThrownBy(() -> RedriveSettings.GROUP.read(source("-1"))).isInstanceOf(SettingException.class)
                .hasMessage("edakit.dlq.max-redrives: expected an integer of at least 0, got '-1'");
    }

    private static SettingSource source(String maxRedrives) {
        return SettingSource.of(key -> Optional.of(maxRedrives).filter(v -> key.equals("edakit.dlq.max-redrives")));
    }
}
