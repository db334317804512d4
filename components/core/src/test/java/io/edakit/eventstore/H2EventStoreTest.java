package io.edakit.eventstore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event store on an H2 file database (the default), two stores on the same file as two instances. */
class H2EventStoreTest extends EventStoreContractTest {

    private static JdbcEventStore store;
    private static JdbcEventStore other;
    private static String url;

    @BeforeAll
    static void open() throws Exception {
        Path directory = Files.createTempDirectory("edakit-es");
        url = "jdbc:h2:file:" + directory.resolve("events").toAbsolutePath() + ";AUTO_SERVER=TRUE";
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

    @Test
    void anAppendTheDatabaseRefusesFailsAloneAndItsGroupCommits() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TRIGGER IF NOT EXISTS refuse_type BEFORE INSERT ON " + EventTables.EVENTS
                    + " FOR EACH ROW CALL \"" + RefuseEventType.class.getName() + "\"");
        }
        List<CompletableFuture<AppendResult>> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String type = i == 30 ? "refused" : "fine";
            results.add(store.appendAsync(unique("group"), ExpectedVersion.NO_STREAM,
                    List.of(new NewEvent(UUID.randomUUID().toString(), type, 1, "{}".getBytes(), Map.of(), null))));
        }
        for (int i = 0; i < 60; i++) {
            if (i == 30) {
                assertThatThrownBy(results.get(i)::get).rootCause()
                        .hasMessageStartingWith("events of type 'refused' are refused by a trigger");
            } else {
                assertThat(results.get(i).get()).isInstanceOfSatisfying(AppendResult.Appended.class,
                        appended -> assertThat(appended.appended()).isEqualTo(1));
            }
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
