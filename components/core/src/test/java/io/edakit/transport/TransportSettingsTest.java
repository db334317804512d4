package io.edakit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import io.edakit.config.SettingException;
import io.edakit.config.SettingSource;
import org.junit.jupiter.api.Test;

class TransportSettingsTest {

    @Test
    void defaultsAreArtemisAndAnIdFromHostAndProcess() {
        TransportSettings settings = TransportSettings.GROUP.read(SettingSource.empty());
        assertThat(settings.transport()).isEqualTo("artemis");
        assertThat(settings.usesArtemis()).isTrue();
        assertThat(settings.instanceId()).matches("[A-Za-z0-9._-]+")
                .endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void readsTheTransportInAnyCaseAndTheInstanceId() {
        TransportSettings settings = TransportSettings.GROUP.read(source(Map.of("edakit.transport", "Kafka",
                "edakit.instanceId", "orders-1")));
        assertThat(settings.usesKafka()).isTrue();
        assertThat(settings.instanceId()).isEqualTo("orders-1");
    }

    @Test
    void anUnknownTransportIsRefusedWithTheWordsAllowed() {
        assertThatThrownBy(() -> TransportSettings.GROUP.read(source(Map.of("edakit.transport", "rabbitmq"))))
                .isInstanceOf(SettingException.class)
                .hasMessage("edakit.transport: expected one of [artemis, kafka], got 'rabbitmq'");
    }

    private static SettingSource source(Map<String, String> values) {
        return SettingSource.of(key -> Optional.ofNullable(values.get(key)));
    }
}
