package io.edakit.eventstore;

import java.time.Clock;

import io.edakit.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The event store on a real PostgreSQL (a database of its own on the shared embedded server); two stores on it as two instances. */
class PostgresEventStoreTest extends EventStoreContractTest {

    private static JdbcEventStore store;
    private static JdbcEventStore other;

    @BeforeAll
    static void start() throws Exception {
        String url = SharedPostgres.newDatabase();
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
