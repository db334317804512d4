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

    /**
     * Every stream and state read walks its index in order and stops at its limit: H2 says "index
     * sorted". Ordered by fewer columns than the index has, H2 read every matching entry and sorted
     * them (a stream page or a state at T cost a read of the whole stream).
     */
    @Test
    void streamAndStateReadsWalkTheirIndexInOrder() throws Exception {
        Map<String, Integer> parameters = new java.util.LinkedHashMap<>();
        parameters.put(JdbcEventStore.STREAM_PAGE, 3);
        parameters.put(StateReader.SNAPSHOT_BY_VERSION, 3);
        parameters.put(StateReader.SNAPSHOT_BY_RECORDED, 4);
        parameters.put(StateReader.SNAPSHOT_BY_EVENT_TIME, 4);
        parameters.put(StateReader.NEXT_SNAPSHOT, 3);
        parameters.put(StateReader.EVENTS_AFTER, 3);
        parameters.put(StateReader.EVENTS_BY_EVENT_TIME, 4);
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            for (Map.Entry<String, Integer> query : parameters.entrySet()) {
                try (java.sql.PreparedStatement explain = connection.prepareStatement("EXPLAIN " + query.getKey())) {
                    explain.setString(1, "plan-stream");
                    for (int i = 2; i <= query.getValue(); i++) {
                        if (query.getKey().startsWith("SELECT version, state") && i == 2
                                || query.getKey().startsWith("SELECT version FROM") && i == 2) {
                            explain.setString(i, "fold");
                        } else {
                            explain.setLong(i, 1);
                        }
                    }
                    try (java.sql.ResultSet plan = explain.executeQuery()) {
                        plan.next();
                        assertThat(plan.getString(1)).as(query.getKey()).contains("/* index sorted */");
                    }
                }
            }
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
