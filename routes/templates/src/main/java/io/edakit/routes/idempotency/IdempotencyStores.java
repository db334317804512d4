package io.edakit.routes.idempotency;

import java.time.Duration;

import io.edakit.config.Settings;
import io.edakit.idempotency.IdempotencyDatabase;
import io.edakit.idempotency.IdempotencySettings;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.transport.TransportSettings;
import io.edakit.idempotency.MemoryIdempotencyStore;
import io.edakit.routes.support.ContextBeans;
import io.edakit.routes.support.StoreDataSources;
import io.edakit.transport.kafka.KafkaSettings;
import io.edakit.transport.kafka.idempotency.KafkaIdempotencyStore;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.IdempotentRepository;

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
            case KAFKA -> ContextBeans.closedWith(context, KafkaIdempotencyStore.open(settings.get(KafkaSettings.GROUP),
                    namespace, window, instanceId), "an idempotency store");
            case JDBC -> database(context, idempotency.database(), instanceId).store(namespace);
            case CAMEL -> new CamelRepositoryStore(repository(context, idempotency.repository()), namespace);
        };
    }

    private static IdempotentRepository repository(CamelContext context, String name) {
        IdempotentRepository repository = context.getRegistry().lookupByNameAndType(name, IdempotentRepository.class);
        if (repository == null) {
            throw new IllegalArgumentException(IdempotencySettings.REPOSITORY.name() + "=" + name
                    + ": no IdempotentRepository bean of that name in the Camel registry");
        }
        return repository;
    }

    /** On the application's DataSource when it binds a {@link StoreDataSource}, else on {@code settings}' URL. */
    private static IdempotencyDatabase database(CamelContext context, JdbcSettings settings, String instanceId) {
        return ContextBeans.getOrCreate(context, DATABASE_BEAN, IdempotencyDatabase.class, () -> ContextBeans.closedWith(
                context, StoreDataSources.of(context)
                        .map(given -> IdempotencyDatabase.open(given.database(IdempotencyDatabase.PURPOSE,
                                IdempotencyDatabase::ddl, IdempotencyDatabase.TABLE_NAMES), 8, instanceId))
                        .orElseGet(() -> IdempotencyDatabase.open(settings.url(), settings.user(), settings.password(), 8,
                                instanceId)),
                "the idempotency database"));
    }
}
