package io.edakit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.edakit.config.SettingSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLoadingTest {

    private static final String SCHEMA = """
            {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}""";

    @TempDir
    Path dir;

    private Path write(String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void aFileThatIsNotJsonNamesTheFileAndTheParseError() throws Exception {
        write("order.created.json", SCHEMA);
        Path broken = write("order.shipped/2.json", "{\"type\": \"object\",\n \"required\": [\"id\"\n}");

        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .isInstanceOf(SchemaLoadException.class)
                .hasMessageStartingWith(broken + ": not valid JSON: ")
                .hasMessageContaining("line 3")
                .satisfies(e -> assertThat(((SchemaLoadException) e).file()).isEqualTo(broken));
    }

    @Test
    void aFileThatIsNotAValidSchemaIsRefused() throws Exception {
        Path bad = write("order.created.json", "{\"type\": \"integr\"}");
        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .isInstanceOf(SchemaLoadException.class)
                .hasMessageStartingWith(bad + ": not a valid JSON Schema");
    }

    @Test
    void anUnknownDialectIsRefusedWithoutFetchingIt() throws Exception {
        Path bad = write("order.created.json", "{\"$schema\": \"https://example.invalid/my-dialect\", \"type\": \"object\"}");
        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .hasMessageStartingWith(bad + ": unknown $schema 'https://example.invalid/my-dialect'")
                .hasMessageContaining("draft-07");
    }

    @Test
    void anUnresolvableReferenceIsRefusedAtLoad() throws Exception {
        Path bad = write("order.created.json", "{\"$ref\": \"#/$defs/missing\"}");
        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .isInstanceOf(SchemaLoadException.class)
                .hasMessage(bad + ": cannot compile the schema: Reference /$defs/missing cannot be resolved");
    }

    @Test
    void aVersionDefinedTwiceIsRefused() throws Exception {
        Path plain = write("order.created.json", SCHEMA);
        Path versioned = write("order.created/1.json", SCHEMA);
        assertThatThrownBy(() -> SchemaRegistry.load(dir))
                .hasMessageContaining(versioned.toString()).hasMessageContaining(plain.toString())
                .hasMessageContaining("version 1 of order.created");
    }

    @Test
    void aVersionFileMustBeNamedByANumber() throws Exception {
        Path bad = write("order.created/latest.json", SCHEMA);
        assertThatThrownBy(() -> SchemaRegistry.load(dir)).hasMessageStartingWith(bad + ": ")
                .hasMessageContaining("order.created/2.json");
    }

    @Test
    void otherFilesAreIgnored() throws Exception {
        write("README.md", "# schemas");
        write(".order.created.json.swp", "garbage");
        write("order.created/notes.txt", "v2 adds currency");
        write("order.created/2.json", SCHEMA);
        SchemaRegistry registry = SchemaRegistry.load(dir);
        assertThat(registry.eventTypes()).containsExactly("order.created");
        assertThat(registry.versions("order.created")).containsExactly(2);
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path absent = dir.resolve("absent");
        assertThatThrownBy(() -> SchemaRegistry.load(absent)).isInstanceOf(SchemaLoadException.class)
                .hasMessage(absent + ": schema directory does not exist");
    }

    @Test
    void theDirectoryComesFromTheSettingsAndIsOptional() throws Exception {
        write("order.created.json", SCHEMA);
        Map<String, String> configured = Map.of("edakit.schema.directory", dir.toString());
        assertThat(SchemaRegistry.fromSettings(SchemaSettings.read(SettingSource.of(key -> Optional.ofNullable(configured.get(key)))))
                .eventTypes()).containsExactly("order.created");

        SchemaRegistry none = SchemaRegistry.fromSettings(SchemaSettings.read(SettingSource.empty()));
        assertThat(none.eventTypes()).isEmpty();
        assertThat(none.directory()).isEmpty();
    }

    @Test
    void policiesAreReadInAnyCase() {
        assertThat(UnknownTypePolicy.parse(" Allow ")).isEqualTo(UnknownTypePolicy.ALLOW);
        assertThat(UnknownTypePolicy.parse("reject")).isEqualTo(UnknownTypePolicy.REJECT);
        assertThatThrownBy(() -> UnknownTypePolicy.parse("drop")).hasMessageContaining("reject, allow");
    }
}
