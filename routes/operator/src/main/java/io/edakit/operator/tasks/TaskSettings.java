package io.edakit.operator.tasks;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;

/**
 * The {@code edakit.tasks.*} settings: where redrive tasks keep their state across restarts.
 *
 * @param dir one JSON file per task
 */
public record TaskSettings(Path dir) {

    public static final ParameterSpec DIR = ParameterSpec.builder("edakit.tasks.dir", ParameterType.STRING)
            .defaultValue("./data/tasks")
            .description("Where redrive tasks (started from the console, POST /edakit/tasks or 'edakit tasks start') "
                    + "and replays (POST /edakit/replays, 'edakit replay start') keep their state, one JSON file each "
                    + "(a replay's durable cursor too), so a task running when the instance stops is resumed "
                    + "at its next start. One directory per instance.")
            .build();

    public static final SettingGroup<TaskSettings> GROUP = SettingGroup.of("Tasks", List.of(DIR), TaskSettings::read);

    public TaskSettings {
        Objects.requireNonNull(dir, "dir");
    }

    public static TaskSettings read(SettingSource source) {
        return new TaskSettings(source.path(DIR));
    }
}
