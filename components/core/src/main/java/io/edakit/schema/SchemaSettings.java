package io.edakit.schema;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;

/**
 * The {@code edakit.schema.*} settings.
 *
 * @param directory the folder of event schemas; empty: no event has a schema
 */
public record SchemaSettings(Optional<Path> directory) {

    public static final ParameterSpec DIRECTORY = ParameterSpec.builder("edakit.schema.directory", ParameterType.STRING)
            .description("Folder of JSON Schemas for event payloads: <event-type>.json or <event-type>/<version>.json. "
                    + "When empty no event has a schema.")
            .example("./config/schemas").build();

    public static final SettingGroup<SchemaSettings> GROUP = SettingGroup.of("Event schemas", List.of(DIRECTORY),
            SchemaSettings::read);

    public SchemaSettings {
        Objects.requireNonNull(directory, "directory");
    }

    public static SchemaSettings read(SettingSource source) {
        return new SchemaSettings(source.optionalPath(DIRECTORY));
    }
}
