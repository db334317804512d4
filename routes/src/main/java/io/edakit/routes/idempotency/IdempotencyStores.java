package io.edakit.routes.idempotency;

import java.time.Duration;

import io.edakit.config.EdakitSettings;
import io.edakit.idempotency.IdempotencyDatabase;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.idempotency.MemoryIdempotencyStore;
import io.edakit.transport.kafka.KafkaSettings;
import io.edakit.transport.kafka.idempotency.KafkaIdempotencyStore;
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
        EdakitSettings settings = EdakitSettings.from(key -> context.getPropertiesComponent().resolveProperty(key));
        switch (settings.value(EdakitSettings.IDEMPOTENCY_STORE)) {
            case "memory":
                return new MemoryIdempotencyStore(MEMORY_MAX_KEYS);
            case "kafka":
                return closedWithTheContext(context, KafkaIdempotencyStore.open(KafkaSettings.from(settings), namespace,
                        window, settings.instanceId()));
            default:
                return database(context, settings).store(namespace);
        }
    }

    private static IdempotencyDatabase database(CamelContext context, EdakitSettings settings) {
        synchronized (context) {
            IdempotencyDatabase existing = context.getRegistry().lookupByNameAndType(DATABASE_BEAN, IdempotencyDatabase.class);
            if (existing != null) {
                return existing;
            }
            IdempotencyDatabase database = IdempotencyDatabase.open(settings.value(EdakitSettings.IDEMPOTENCY_JDBC_URL),
                    settings.value(EdakitSettings.IDEMPOTENCY_JDBC_USER),
                    settings.value(EdakitSettings.IDEMPOTENCY_JDBC_PASSWORD), 8, settings.instanceId());
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
