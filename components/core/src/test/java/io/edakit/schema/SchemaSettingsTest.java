package io.edakit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import io.edakit.config.SettingSource;
import org.junit.jupiter.api.Test;

class SchemaSettingsTest {

    @Test
    void theDirectoryIsOptionalAndBlankMeansNone() {
        assertThat(SchemaSettings.GROUP.read(SettingSource.empty()).directory()).isEmpty();
        assertThat(SchemaSettings.GROUP.read(source(" ")).directory()).isEmpty();
        assertThat(SchemaSettings.GROUP.read(source("./config/schemas")).directory()).contains(Path.of("./config/schemas"));
    }

    private static SettingSource source(String directory) {
        return SettingSource.of(key -> Optional.of(directory).filter(v -> key.equals("edakit.schema.directory")));
    }
}
