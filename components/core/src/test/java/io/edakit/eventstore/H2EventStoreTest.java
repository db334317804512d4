package io.edakit.eventstore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The event store on an H2 file database (the default), two stores on the same file as two instances. */
class H2EventStoreTest extends EventStoreContractTest {

    private static JdbcEventStore store;
    private static JdbcEventStore other;

    @BeforeAll
    static void open() throws Exception {
        Path directory = Files.createTempDirectory("edakit-es");
        String url = "jdbc:h2:file:" + directory.resolve("events").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        store = JdbcEventStore.open(url, "sa", "", 4, Clock.systemUTC());
        other = JdbcEventStore.open(url, "sa", "", 4, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
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
