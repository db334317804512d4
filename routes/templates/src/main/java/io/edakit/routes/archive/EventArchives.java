package io.edakit.routes.archive;

import io.edakit.archive.ArchiveSettings;
import io.edakit.archive.EventArchive;
import io.edakit.config.Settings;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.routes.support.ContextBeans;
import org.apache.camel.CamelContext;

/**
 * The event archive of a Camel context, opened from the {@code edakit.archive.*} settings by the
 * first archive template instance or replay that needs it, bound in the registry and closed with
 * the context.
 */
public final class EventArchives {

    private static final String BEAN = "edakitEventArchive";
    private static final int CONNECTIONS = 6;

    private EventArchives() {
    }

    public static EventArchive forContext(CamelContext context) {
        return ContextBeans.getOrCreate(context, BEAN, EventArchive.class, () -> ContextBeans.closedWith(context,
                open(Settings.of(context).get(ArchiveSettings.GROUP).database(), CONNECTIONS), "the event archive"));
    }

    /** The archive {@code database} names, also for tools that use it without a running instance (CLI). */
    public static EventArchive open(JdbcSettings database, int maxConnections) {
        return EventArchive.open(database, maxConnections);
    }
}
