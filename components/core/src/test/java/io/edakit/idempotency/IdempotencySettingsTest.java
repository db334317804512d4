package io.edakit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import io.edakit.config.SettingException;
import io.edakit.config.SettingSource;
import io.edakit.idempotency.IdempotencySettings.Store;
import org.junit.jupiter.api.Test;

class IdempotencySettingsTest {

    @Test
    void defaultsAreTheMemoryStoreWithAnH2DatabaseAtHand() {
        IdempotencySettings settings = IdempotencySettings.GROUP.read(SettingSource.empty());
        assertThat(settings.store()).isEqualTo(Store.MEMORY);
        assertThat(settings.database().url()).isEqualTo("jdbc:h2:file:./data/idempotency;AUTO_SERVER=TRUE");
        assertThat(IdempotencySettings.GROUP.keys()).extracting(spec -> spec.name()).containsExactly(
                "edakit.idempotency.store", "edakit.idempotency.repository", "edakit.idempotency.jdbc-url", "edakit.idempotency.jdbc-user",
                "edakit.idempotency.jdbc-password");
        assertThat(IdempotencySettings.JDBC.password().secret()).isTrue();
    }

    @Test
    void readsTheStoreInAnyCaseAndTheDatabase() {
        IdempotencySettings settings = IdempotencySettings.GROUP.read(source(Map.of("edakit.idempotency.store", "JDBC",
                "edakit.idempotency.jdbcUrl", "jdbc:h2:mem:x", "edakit.idempotency.jdbc-user", "sa")));
        assertThat(settings.store()).isEqualTo(Store.JDBC);
        assertThat(settings.store().word()).isEqualTo("jdbc");
        assertThat(settings.database().url()).isEqualTo("jdbc:h2:mem:x");
        assertThat(settings.database().user()).isEqualTo("sa");
    }

    @Test
    void anUnknownStoreIsRefusedWithTheWordsAllowed() {
        assertThatThrownBy(() -> IdempotencySettings.GROUP.read(source(Map.of("edakit.idempotency.store", "redis"))))
                .isInstanceOf(SettingException.class)
                .hasMessage("edakit.idempotency.store: expected one of [memory, jdbc, kafka, camel], got 'redis'");
    }

    @Test
    void theCamelStoreNamesItsRepositoryBean() {
        assertThat(IdempotencySettings.GROUP.read(source(Map.of("edakit.idempotency.store", "camel",
                "edakit.idempotency.repository", "#paymentKeys"))).repository()).isEqualTo("paymentKeys");
        assertThatThrownBy(() -> IdempotencySettings.GROUP.read(source(Map.of("edakit.idempotency.store", "camel"))))
                .isInstanceOf(SettingException.class)
                .hasMessageStartingWith("edakit.idempotency.repository: ");
    }

    private static SettingSource source(Map<String, String> values) {
        return SettingSource.of(key -> Optional.ofNullable(values.get(key)));
    }
}
