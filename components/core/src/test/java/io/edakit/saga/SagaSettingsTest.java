package io.edakit.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.edakit.config.SettingException;
import io.edakit.config.SettingSource;
import org.junit.jupiter.api.Test;

class SagaSettingsTest {

    @Test
    void defaultsAreAnH2LogAThirtySecondLeaseAndEightWorkers() {
        SagaSettings settings = SagaSettings.GROUP.read(SettingSource.empty());
        assertThat(settings.log().url()).isEqualTo("jdbc:h2:file:./data/saga;AUTO_SERVER=TRUE");
        assertThat(settings.log().user()).isEmpty();
        assertThat(settings.log().password()).isEmpty();
        assertThat(settings.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.workers()).isEqualTo(8);
        assertThat(SagaSettings.GROUP.keys()).extracting(spec -> spec.name()).containsExactly("edakit.saga.jdbc-url",
                "edakit.saga.jdbc-user", "edakit.saga.jdbc-password", "edakit.saga.lease", "edakit.saga.workers");
    }

    @Test
    void readsTypedValuesAndKeepsThePasswordOutOfToString() {
        SagaSettings settings = SagaSettings.GROUP.read(source(Map.of("edakit.saga.jdbc-url", "jdbc:postgresql://db/x",
                "edakit.saga.jdbc-user", "app", "edakit.saga.jdbc-password", "pw-secret", "edakit.saga.lease", "500ms",
                "edakit.saga.workers", "32")));
        assertThat(settings.log().url()).isEqualTo("jdbc:postgresql://db/x");
        assertThat(settings.log().password()).isEqualTo("pw-secret");
        assertThat(settings.lease()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.workers()).isEqualTo(32);
        assertThat(settings.toString()).doesNotContain("pw-secret");
    }

    @Test
    void badValuesAreRefusedWithKeyAndExpectation() {
        assertThatThrownBy(() -> SagaSettings.GROUP.read(source(Map.of("edakit.saga.lease", "30 sec"))))
                .isInstanceOf(SettingException.class).hasMessageStartingWith("edakit.saga.lease: expected a duration");
        assertThatThrownBy(() -> SagaSettings.GROUP.read(source(Map.of("edakit.saga.workers", "0"))))
                .isInstanceOf(SettingException.class)
                .hasMessage("edakit.saga.workers: expected an integer of at least 1, got '0'");
    }

    private static SettingSource source(Map<String, String> values) {
        return SettingSource.of(key -> Optional.ofNullable(values.get(key)));
    }
}
