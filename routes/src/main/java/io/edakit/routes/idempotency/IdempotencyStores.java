package io.edakit.routes.idempotency;

import io.edakit.config.EdakitSettings;
import io.edakit.idempotency.IdempotencyDatabase;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.idempotency.MemoryIdempotencyStore;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The idempotency store of a template instance, as {@code edakit.idempotency.*} configures it.
 * With {@code jdbc}, every instance of one Camel context shares one connection pool (bound in the
 * registry, closed with the context); each template instance is a namespace in the same tables.
 */
public final class IdempotencyStores {

    /** Keys a memory store holds at most per template instance (see the setting's description). */
    static final int MEMORY_MAX_KEYS = 1_000_000;

    private static final String DATABASE_BEAN = "edakitIdempotencyDatabase";

    private IdempotencyStores() {
    }

    public static IdempotencyStore forNamespace(CamelContext context, String namespace) {
        EdakitSettings settings = EdakitSettings.from(key -> context.getPropertiesComponent().resolveProperty(key));
        if ("memory".equals(settings.value(EdakitSettings.IDEMPOTENCY_STORE))) {
            return new MemoryIdempotencyStore(MEMORY_MAX_KEYS);
        }
        return database(context, settings).store(namespace);
    }

    private static IdempotencyDatabase database(CamelContext context, EdakitSettings settings) {
        synchronized (context) {
            IdempotencyDatabase existing = context.getRegistry().lookupByNameAndType(DATABASE_BEAN, IdempotencyDatabase.class);
            if (existing != null) {
                return existing;
            }
            IdempotencyDatabase database = IdempotencyDatabase.open(settings.value(EdakitSettings.IDEMPOTENCY_JDBC_URL),
                    settings.value(EdakitSettings.IDEMPOTENCY_JDBC_USER),
                    settings.value(EdakitSettings.IDEMPOTENCY_JDBC_PASSWORD), 8);
            context.getRegistry().bind(DATABASE_BEAN, IdempotencyDatabase.class, database);
            try {
                context.addService(new ServiceSupport() {
                    @Override
                    protected void doStop() {
                        database.close();
                    }
                }, true, true);
            } catch (Exception e) {
                database.close();
                throw new IllegalStateException("cannot register the idempotency database with Camel", e);
            }
            return database;
        }
    }
}
