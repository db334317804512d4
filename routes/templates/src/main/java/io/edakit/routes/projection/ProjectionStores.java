package io.edakit.routes.projection;

import java.util.Optional;

import io.edakit.config.Settings;
import io.edakit.eventstore.EventStoreSettings;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.projection.ProjectionStore;
import io.edakit.routes.support.ContextBeans;
import org.apache.camel.CamelContext;

/**
 * The projection store of a Camel context: in the event store's database ({@code edakit.event-store.*}),
 * opened with the first projection instance (or the first operator request), bound in the registry
 * and closed with the context. Its projections' checkpoints share its group committer.
 */
public final class ProjectionStores {

    private static final String STORE_BEAN = "edakitProjectionStore";
    private static final int CONNECTIONS = 3;

    private ProjectionStores() {
    }

    public static ProjectionStore forContext(CamelContext context) {
        return ContextBeans.getOrCreate(context, STORE_BEAN, ProjectionStore.class, () -> ContextBeans.closedWith(context,
                open(Settings.of(context).get(EventStoreSettings.GROUP).database(), CONNECTIONS), "the projection store"));
    }

    /** The context's projection store if a projection instance or an operator request opened it; never opens one. */
    public static Optional<ProjectionStore> existing(CamelContext context) {
        return Optional.ofNullable(context.getRegistry().lookupByNameAndType(STORE_BEAN, ProjectionStore.class));
    }

    /** The store beside the event store {@code database} names, also for tools without a running instance (CLI). */
    public static ProjectionStore open(JdbcSettings database, int maxConnections) {
        return ProjectionStore.open(database, maxConnections);
    }
}
