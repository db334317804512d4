package io.edakit.routes.eventstore;

import io.edakit.config.Settings;
import io.edakit.eventstore.EventStoreSettings;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.routes.support.ContextBeans;
import org.apache.camel.CamelContext;

/**
 * The event store of a Camel context, opened with the first event-store template instance from the
 * {@code edakit.event-store.*} settings, bound in the registry and closed with the context.
 */
public final class EventStores {

    private static final String STORE_BEAN = "edakitEventStore";
    private static final int CONNECTIONS = 6;

    private EventStores() {
    }

    public static JdbcEventStore forContext(CamelContext context) {
        return ContextBeans.getOrCreate(context, STORE_BEAN, JdbcEventStore.class, () -> ContextBeans.closedWith(context,
                open(Settings.of(context).get(EventStoreSettings.GROUP).database(), CONNECTIONS), "the event store"));
    }

    /** The store {@code database} names, also for tools that use it without a running instance (CLI). */
    public static JdbcEventStore open(JdbcSettings database, int maxConnections) {
        return JdbcEventStore.open(database, maxConnections);
    }
}
