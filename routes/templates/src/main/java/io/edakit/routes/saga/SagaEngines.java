package io.edakit.routes.saga;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.edakit.config.Durations;
import io.edakit.config.Settings;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.routes.support.ContextBeans;
import io.edakit.routes.support.StoreDataSources;
import io.edakit.saga.SagaSettings;
import io.edakit.transport.TransportSettings;
import io.edakit.saga.JdbcSagaLog;
import io.edakit.saga.SagaEngine;
import io.edakit.saga.StepCaller;
import org.apache.camel.CamelContext;

/**
 * The saga engine of a Camel context, created with the first saga template instance (or a
 * {@link io.edakit.saga.DurableSagaService}) from the {@code edakit.saga.*} settings (its log on the
 * application's DataSource where one is bound as {@link io.edakit.jdbc.StoreDataSource}), bound in the
 * registry and closed with the context. Every saga template instance of the context shares it.
 */
public final class SagaEngines {

    private static final String ENGINE_BEAN = "edakitSagaEngine";
    private static final Duration SCAN_INTERVAL = Duration.ofSeconds(1);

    private SagaEngines() {
    }

    public static SagaEngine forContext(CamelContext context) {
        return ContextBeans.getOrCreate(context, ENGINE_BEAN, SagaEngine.class, () -> {
            Settings settings = Settings.of(context);
            SagaSettings saga = settings.get(SagaSettings.GROUP);
            JdbcSagaLog log = StoreDataSources.of(context)
                    .map(given -> JdbcSagaLog.open(given.database(JdbcSagaLog.PURPOSE, JdbcSagaLog::ddl,
                            JdbcSagaLog.TABLE_NAMES), saga.workers() + 2))
                    .orElseGet(() -> openLog(saga.log(), saga.workers() + 2));
            SagaEngine engine = new SagaEngine(log, new StepCaller(context, context.createProducerTemplate()),
                    SagaEngine.instanceName(settings.get(TransportSettings.GROUP).instanceId()), saga.lease(),
                    saga.workers(), SCAN_INTERVAL, Clock.systemUTC());
            ContextBeans.closedWith(context, () -> {
                engine.close();
                log.close();
            }, "the saga engine");
            return engine;
        });
    }

    /** The context's saga engine if a saga template instance created one; never creates it. */
    public static Optional<SagaEngine> existing(CamelContext context) {
        return Optional.ofNullable(context.getRegistry().lookupByNameAndType(ENGINE_BEAN, SagaEngine.class));
    }

    /** The saga log {@code database} names, also for tools that read it without running sagas (CLI). */
    public static JdbcSagaLog openLog(JdbcSettings database, int maxConnections) {
        return JdbcSagaLog.open(database.url(), database.user(), database.password(), maxConnections);
    }
}
