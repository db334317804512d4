package io.edakit.archive;

import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;
import io.edakit.jdbc.JdbcSettings;

/**
 * The {@code edakit.archive.*} settings: where the application's event archive is.
 *
 * @param database the archive's database
 */
public record ArchiveSettings(JdbcSettings database) {

    public static final JdbcSettings.Keys JDBC = JdbcSettings.keys("edakit.archive", "archive", "the event archive",
            "the event archive database", " Instances sharing it archive into, and replay from, the same archives.");

    public static final SettingGroup<ArchiveSettings> GROUP = SettingGroup.of("Event archive", JDBC.all(),
            ArchiveSettings::read);

    public static ArchiveSettings read(SettingSource source) {
        return new ArchiveSettings(JDBC.read(source));
    }
}
