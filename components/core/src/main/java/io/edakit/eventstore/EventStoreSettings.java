package io.edakit.eventstore;

import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;
import io.edakit.jdbc.JdbcSettings;

/**
 * The {@code edakit.event-store.*} settings: where the application's event store is.
 *
 * @param database the event store's database
 */
public record EventStoreSettings(JdbcSettings database) {

    public static final JdbcSettings.Keys JDBC = JdbcSettings.keys("edakit.event-store", "events", "the event store",
            "the event store database", " Instances sharing it append to the same streams and global order.");

    public static final SettingGroup<EventStoreSettings> GROUP = SettingGroup.of("Event store", JDBC.all(),
            EventStoreSettings::read);

    public static EventStoreSettings read(SettingSource source) {
        return new EventStoreSettings(JDBC.read(source));
    }
}
