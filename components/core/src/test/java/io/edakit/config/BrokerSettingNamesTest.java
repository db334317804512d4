package io.edakit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.edakit.broker.BrokerSettings;
import io.edakit.broker.EmbeddedArtemisBroker;
import io.edakit.broker.kafka.DevelopmentKafkaBroker;
import io.edakit.transport.artemis.ArtemisBrokerSettings;
import io.edakit.transport.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;

/**
 * The broker artifacts depend on nothing of edakit-core, so their failure messages name the
 * settings to change by copies of the names declared here: the copies must agree.
 */
class BrokerSettingNamesTest {

    @Test
    void theEmbeddedArtemisBrokerNamesTheSettingsAsDeclared() {
        assertThat(EmbeddedArtemisBroker.PORT_SETTING).isEqualTo(ArtemisBrokerSettings.PORT.name());
        assertThat(EmbeddedArtemisBroker.DATA_DIR_SETTING).isEqualTo(ArtemisBrokerSettings.DATA_DIR.name());
        assertThat(EmbeddedArtemisBroker.MIN_DISK_FREE_SETTING).isEqualTo(ArtemisBrokerSettings.MIN_DISK_FREE.name());
        assertThat(Long.parseLong(ArtemisBrokerSettings.MIN_DISK_FREE.defaultValue()) * 1024 * 1024)
                .as("the reserve a broker started without edakit's settings keeps").isEqualTo(
                        BrokerSettings.DEFAULT_MIN_DISK_FREE_BYTES);
    }

    @Test
    void theDevelopmentKafkaBrokerNamesTheSettingsAsDeclared() {
        assertThat(DevelopmentKafkaBroker.HOST).isEqualTo(KafkaSettings.EMBEDDED_HOST);
        assertThat(DevelopmentKafkaBroker.BOOTSTRAP_SERVERS_SETTING).isEqualTo(KafkaSettings.BOOTSTRAP_SERVERS.name());
        assertThat(DevelopmentKafkaBroker.PORT_SETTING).isEqualTo(KafkaSettings.EMBEDDED_PORT.name());
        assertThat(DevelopmentKafkaBroker.DATA_DIR_SETTING).isEqualTo(KafkaSettings.EMBEDDED_DATA_DIR.name());
    }
}
