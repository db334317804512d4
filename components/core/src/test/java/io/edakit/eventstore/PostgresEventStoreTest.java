package io.edakit.eventstore;

import java.time.Clock;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The event store on a real PostgreSQL, started from a jar; two stores on it as two instances. */
class PostgresEventStoreTest extends EventStoreContractTest {

    private static EmbeddedPostgres postgres;
    private static JdbcEventStore store;
    private static JdbcEventStore other;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        store = JdbcEventStore.open(url, "postgres", "", 4, Clock.systemUTC());
        other = JdbcEventStore.open(url, "postgres", "", 4, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (other != null) {
            other.close();
        }
        if (store != null) {
            store.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected JdbcEventStore store() {
        return store;
    }

    @Override
    protected JdbcEventStore other() {
        return other;
    }
}
