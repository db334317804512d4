package io.edakit.transport.artemis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.edakit.config.SettingException;
import io.edakit.config.SettingSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtemisBrokerSettingsTest {

    @TempDir
    Path data;

    @Test
    void defaultsAreAnEmbeddedBrokerOnLoopback() {
        ArtemisBrokerSettings settings = ArtemisBrokerSettings.GROUP.read(SettingSource.empty());
        assertThat(settings.embedded()).isTrue();
        assertThat(settings.url()).isEmpty();
        assertThat(settings.user()).isEqualTo("edakit");
        assertThat(settings.password()).isEmpty();
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(61616);
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("./data/artemis"));
        assertThat(settings.maxDeliveryAttempts()).isEqualTo(10);
        assertThat(settings.senderSessions()).isEqualTo(8);
        assertThat(settings.passwordFile()).isEqualTo(Path.of("./data/artemis/broker-password"));
    }

    @Test
    void readsEveryKeyAndKeepsThePasswordOutOfToString() {
        ArtemisBrokerSettings settings = ArtemisBrokerSettings.GROUP.read(source(Map.of(
                "edakit.broker.url", "tcp://artemis:61616", "edakit.broker.user", "app",
                "edakit.broker.password", "s3cret-password", "edakit.broker.port", "0",
                "edakit.broker.senderSessions", "2", "edakit.broker.max-delivery-attempts", "3")));
        assertThat(settings.embedded()).isFalse();
        assertThat(settings.url()).contains("tcp://artemis:61616");
        assertThat(settings.password()).contains("s3cret-password");
        assertThat(settings.port()).isZero();
        assertThat(settings.senderSessions()).isEqualTo(2);
        assertThat(settings.maxDeliveryAttempts()).isEqualTo(3);
        assertThat(settings.toString()).doesNotContain("s3cret-password");
        assertThat(settings.asClientOfRunningInstance()).as("an external broker is used as it is").isSameAs(settings);
    }

    @Test
    void badValuesAreRefusedWithKeyAndExpectation() {
        assertThatThrownBy(() -> ArtemisBrokerSettings.GROUP.read(source(Map.of("edakit.broker.port", "70000"))))
                .isInstanceOf(SettingException.class)
                .hasMessage("edakit.broker.port: expected an integer from 0 to 65535, got '70000'");
        assertThatThrownBy(() -> ArtemisBrokerSettings.GROUP.read(source(Map.of("edakit.broker.sender-sessions", "many"))))
                .isInstanceOf(SettingException.class)
                .hasMessage("edakit.broker.sender-sessions: expected an integer, got 'many'");
    }

    @Test
    void theEmbeddedBrokerGeneratesItsPasswordOnceAndAClientFindsIt() throws Exception {
        ArtemisBrokerSettings settings = ArtemisBrokerSettings.GROUP.read(source(Map.of(
                "edakit.broker.data-dir", data.toString(), "edakit.broker.port", "61999")));
        assertThatThrownBy(settings::asClientOfRunningInstance).hasMessageContaining("start the instance first");

        String generated = settings.embeddedBrokerPassword();
        assertThat(generated).isEqualTo(Files.readString(data.resolve("broker-password")).trim());
        assertThat(settings.embeddedBrokerPassword()).as("kept across starts").isEqualTo(generated);

        ArtemisBrokerSettings client = settings.asClientOfRunningInstance();
        assertThat(client.url()).contains("tcp://127.0.0.1:61999");
        assertThat(client.password()).contains(generated);
    }

    private static SettingSource source(Map<String, String> values) {
        return SettingSource.of(key -> Optional.ofNullable(values.get(key)));
    }
}
