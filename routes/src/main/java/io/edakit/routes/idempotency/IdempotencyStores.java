package io.edakit.routes.idempotency;

import java.time.Duration;

import io.edakit.config.Settings;
import io.edakit.idempotency.IdempotencySettings;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.transport.TransportSettings;
import io.edakit.idempotency.IdempotencyDatabase;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.idempotency.KafkaIdempotencyStore;
import io.edakit.idempotency.MemoryIdempotencyStore;
import io.edakit.transport.kafka.KafkaSettings;
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

    /** The store of {@code namespace}, whose keys are kept {@code window} long. */
    public static IdempotencyStore forNamespace(CamelContext context, String namespace, Duration window) {
        Settings settings = Settings.of(context);
        IdempotencySettings idempotency = settings.get(IdempotencySettings.GROUP);
        String instanceId = settings.get(TransportSettings.GROUP).instanceId();
        return switch (idempotency.store()) {
            case MEMORY -> new MemoryIdempotencyStore(MEMORY_MAX_KEYS);
            case KAFKA -> closedWithTheContext(context, KafkaIdempotencyStore.open(settings.get(KafkaSettings.GROUP),
                    namespace, window, instanceId));
            case JDBC -> database(context, idempotency.database(), instanceId).store(namespace);
        };
    }

    private static IdempotencyDatabase database(CamelContext context, JdbcSettings settings, String instanceId) {
        synchronized (context) {
            IdempotencyDatabase existing = context.getRegistry().lookupByNameAndType(DATABASE_BEAN, IdempotencyDatabase.class);
            if (existing != null) {
                return existing;
            }
            IdempotencyDatabase database = IdempotencyDatabase.open(settings.url(), settings.user(), settings.password(),
                    8, instanceId);
            context.getRegistry().bind(DATABASE_BEAN, IdempotencyDatabase.class, database);
            return closedWithTheContext(context, database);
        }
    }

    /** Registers {@code resource} to be closed when the Camel context stops (it holds clients or threads). */
    private static <T extends AutoCloseable> T closedWithTheContext(CamelContext context, T resource) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    resource.close();
                }
            }, true, true);
            return resource;
        } catch (Exception e) {
            try {
                resource.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw new IllegalStateException("cannot register an idempotency store with Camel", e);
        }
    }
}
