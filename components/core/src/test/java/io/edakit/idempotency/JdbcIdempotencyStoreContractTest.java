package io.edakit.idempotency;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;

/**
 * The JDBC store on one database, opened once per test class; what a killed process left behind is
 * written with raw JDBC, as that process would have left it.
 */
abstract class JdbcIdempotencyStoreContractTest extends IdempotencyStoreContractTest {

    private static IdempotencyDatabase database;
    private static String url;
    private static String user;

    /** Opens the database of the test class (call from its {@code @BeforeAll}). */
    static void openDatabase(String jdbcUrl, String jdbcUser) {
        url = jdbcUrl;
        user = jdbcUser;
        database = IdempotencyDatabase.open(jdbcUrl, jdbcUser, "", 8, "test");
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @Override
    protected IdempotencyStore open(String namespace) {
        return database.store(namespace);
    }

    @Override
    protected Elsewhere openElsewhere(String namespace) {
        IdempotencyDatabase other = IdempotencyDatabase.open(url, user, "", 2, "elsewhere");
        return new Elsewhere(other.store(namespace), other);
    }

    @Override
    protected boolean leaveClaim(String namespace, String key, Instant claimedAt, Instant lastHeartbeat) throws Exception {
        String claimant = "killed/" + UUID.randomUUID();
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO edakit_idempotency_claimants "
                    + "(claimant, instance_id, started_at, heartbeat_at) VALUES (?, 'killed', ?, ?)")) {
                insert.setString(1, claimant);
                insert.setLong(2, claimedAt.toEpochMilli());
                insert.setLong(3, lastHeartbeat.toEpochMilli());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO edakit_idempotency_keys "
                    + "(namespace, message_key, claimed_at, confirmed, claimant) VALUES (?, ?, ?, FALSE, ?)")) {
                insert.setString(1, namespace);
                insert.setString(2, key);
                insert.setLong(3, claimedAt.toEpochMilli());
                insert.setString(4, claimant);
                insert.executeUpdate();
            }
        }
        return true;
    }
}
