package io.edakit.routes.idempotency;

import java.time.Duration;

import io.edakit.config.EdakitSettings;
import io.edakit.idempotency.IdempotencyDatabase;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.idempotency.MemoryIdempotencyStore;
import io.edakit.routes.support.ContextBeans;
import io.edakit.transport.kafka.KafkaSettings;
import io.edakit.transport.kafka.idempotency.KafkaIdempotencyStore;
import org.apache.camel.CamelContext;

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
                return ContextBeans.closedWith(context, KafkaIdempotencyStore.open(KafkaSettings.from(settings),
                        namespace, window, settings.instanceId()), "an idempotency store");
            default:
                return database(context, settings).store(namespace);
        }
    }

    private static IdempotencyDatabase database(CamelContext context, EdakitSettings settings) {
        return ContextBeans.getOrCreate(context, DATABASE_BEAN, IdempotencyDatabase.class, () -> ContextBeans.closedWith(
                context, IdempotencyDatabase.open(settings.value(EdakitSettings.IDEMPOTENCY_JDBC_URL),
                        settings.value(EdakitSettings.IDEMPOTENCY_JDBC_USER),
                        settings.value(EdakitSettings.IDEMPOTENCY_JDBC_PASSWORD), 8, settings.instanceId()),
                "the idempotency database"));
    }
}
