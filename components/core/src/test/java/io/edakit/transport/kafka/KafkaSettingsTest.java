package io.edakit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import io.edakit.config.Secrets;
import io.edakit.config.SettingException;
import io.edakit.config.SettingSource;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void kafkaSettingsAreDeclaredInTheirGroup() {
        assertThat(KafkaSettings.GROUP.keys()).extracting(spec -> spec.name()).containsExactly(
                "edakit.kafka.bootstrap-servers", "edakit.kafka.create-topics", "edakit.kafka.partitions",
                "edakit.kafka.replication-factor", "edakit.kafka.consumer-threads", "edakit.kafka.embedded",
                "edakit.kafka.embedded-port", "edakit.kafka.embedded-data-dir");
    }

    @Test
    void theDevelopmentBrokerIsTheClusterOnlyWhenAskedForAndNoServersAreGiven() {
        assertThat(KafkaSettings.from(settings(Map.of("edakit.kafka.embedded", "true"))).bootstrapServers())
                .isEqualTo("127.0.0.1:9092");
        assertThat(KafkaSettings.from(settings(Map.of("edakit.kafka.embedded", "true",
                "edakit.kafka.embedded-port", "19092"))).bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(KafkaSettings.wantsEmbeddedBroker(settings(Map.of("edakit.kafka.embedded", "true",
                "edakit.kafka.bootstrap-servers", "k:9092")))).as("given servers win").isFalse();
        assertThat(KafkaSettings.from(settings(Map.of("edakit.kafka.embedded", "true",
                "edakit.kafka.bootstrap-servers", "k:9092"))).bootstrapServers()).isEqualTo("k:9092");
    }

    @Test
    void passThroughAcceptsEveryKafkaClientPropertyAndNothingElse() {
        assertThat(KafkaSettings.isPassThrough("edakit.kafka.properties.sasl.jaas.config")).isTrue();
        assertThat(KafkaSettings.isPassThrough("edakit.kafka.properties.security.protocol")).isTrue();
        assertThat(KafkaSettings.isPassThrough("edakit.kafka.properties.fetch.min.bytes")).isTrue();
        assertThat(KafkaSettings.isPassThrough("edakit.kafka.properties.sasl.mechansim")).as("misspelt").isFalse();
        assertThat(KafkaSettings.isPassThrough("edakit.kafka.properties.")).isFalse();
        assertThat(KafkaSettings.isPassThrough("edakit.kafka.partitions")).isFalse();
    }

    @Test
    void readsDefaultsAndPassThroughProperties() {
        KafkaSettings settings = KafkaSettings.from(settings(Map.of(
                "edakit.kafka.bootstrap-servers", "k1:9092,k2:9092",
                "edakit.kafka.consumerThreads", "2",
                "edakit.kafka.properties.security.protocol", "SASL_SSL",
                "edakit.kafka.properties.sasl.mechanism", "PLAIN")));

        assertThat(settings.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(settings.createTopics()).isTrue();
        assertThat(settings.partitions()).isEqualTo(3);
        assertThat(settings.replicationFactor()).isEqualTo((short) 1);
        assertThat(settings.consumerThreads()).isEqualTo(2);
        assertThat(settings.passThrough()).isEqualTo(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));
    }

    @Test
    void missingBootstrapServersOrABadNumberIsNamed() {
        assertThatThrownBy(() -> KafkaSettings.from(settings(Map.of())))
                .hasMessageContaining("edakit.kafka.bootstrap-servers");
        assertThatThrownBy(() -> KafkaSettings.from(settings(Map.of("edakit.kafka.bootstrap-servers", "k:9092",
                "edakit.kafka.partitions", "0")))).isInstanceOf(SettingException.class)
                .hasMessage("edakit.kafka.partitions: expected an integer of at least 1, got '0'");
        assertThatThrownBy(() -> KafkaSettings.from(settings(Map.of("edakit.kafka.bootstrap-servers", "k:9092",
                "edakit.kafka.create-topics", "yes")))).isInstanceOf(SettingException.class)
                .hasMessage("edakit.kafka.create-topics: expected true or false, got 'yes'");
    }

    @Test
    void theGroupAcceptsThePassThroughFamilyAndReadsTheDevelopmentBroker() {
        assertThat(KafkaSettings.GROUP.family().test("edakit.kafka.properties.acks")).isTrue();
        assertThat(KafkaSettings.GROUP.family().test("edakit.kafka.properties.akcs")).isFalse();
        KafkaSettings embedded = KafkaSettings.GROUP.read(settings(Map.of("edakit.kafka.embedded", "true",
                "edakit.kafka.embedded-port", "19093", "edakit.kafka.embeddedDataDir", "/tmp/k")));
        assertThat(embedded.embedded()).isTrue();
        assertThat(embedded.embeddedPort()).isEqualTo(19093);
        assertThat(embedded.embeddedDataDir()).hasToString("/tmp/k");
        assertThat(KafkaSettings.from(settings(Map.of("edakit.kafka.bootstrap-servers", "k:9092"))).embedded()).isFalse();
    }

    @Test
    void clientConfigsLayerDefaultsPassThroughAndFixedGuarantees() {
        KafkaClientConfigs configs = new KafkaClientConfigs(KafkaSettings.from(settings(Map.of(
                "edakit.kafka.bootstrap-servers", "k:9092",
                "edakit.kafka.properties.linger.ms", "20",
                "edakit.kafka.properties.acks", "1",
                "edakit.kafka.properties.enable.auto.commit", "true",
                "edakit.kafka.properties.fetch.min.bytes", "1024"))), "orders-1");

        Map<String, Object> producer = configs.producer();
        assertThat(producer).containsEntry("linger.ms", "20").containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true").containsEntry("batch.size", "131072")
                .doesNotContainKey("fetch.min.bytes");
        Map<String, Object> consumer = configs.consumer("orders@billing", "orders@billing-0", 32);
        assertThat(consumer).containsEntry("group.id", "orders@billing").containsEntry("enable.auto.commit", "false")
                .containsEntry("auto.offset.reset", "earliest").containsEntry("fetch.min.bytes", "1024")
                .containsEntry("max.poll.records", "32").doesNotContainKey("linger.ms");
        assertThat(configs.admin()).containsEntry("bootstrap.servers", "k:9092").doesNotContainKey("acks");
    }

    @Test
    void describingAClientConfigMasksSecrets() {
        String described = KafkaClientConfigs.describe(Map.of(
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"p\";",
                "ssl.truststore.password", "changeit",
                "bootstrap.servers", "k:9092"));

        assertThat(described).contains("bootstrap.servers=k:9092", "sasl.jaas.config=" + Secrets.MASK,
                "ssl.truststore.password=" + Secrets.MASK).doesNotContain("changeit", "PlainLoginModule");
    }

    private static SettingSource settings(Map<String, String> values) {
        return SettingSource.of(key -> Optional.ofNullable(values.get(key)));
    }
}
