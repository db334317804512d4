package io.edakit.projection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import io.edakit.eventstore.StoredEvent;

/**
 * A handler of the projection tests that writes to PostgreSQL: every delivery into
 * {@code proj_deliveries} (which instance, which position, replay or not), and the read model
 * {@code proj_seen} idempotently by position, both in one transaction per event.
 */
final class RecordingHandler implements ProjectionRunner.Handler {

    private final Connection connection;
    private final String instance;

    RecordingHandler(String url, String user, String password, String instance) throws SQLException {
        this.connection = DriverManager.getConnection(url, user, password);
        this.instance = instance;
        connection.setAutoCommit(false);
    }

    static void createTables(Connection connection) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS proj_deliveries (seq BIGSERIAL PRIMARY KEY, instance VARCHAR(20) "
                    + "NOT NULL, position BIGINT NOT NULL, replay BOOLEAN NOT NULL)");
            ddl.execute("CREATE TABLE IF NOT EXISTS proj_seen (position BIGINT PRIMARY KEY)");
        }
    }

    @Override
    public synchronized ProjectionRunner.Result handle(StoredEvent event, boolean replay) throws SQLException {
        try (PreparedStatement delivery = connection.prepareStatement(
                "INSERT INTO proj_deliveries (instance, position, replay) VALUES (?, ?, ?)");
             PreparedStatement seen = connection.prepareStatement(
                     "INSERT INTO proj_seen (position) VALUES (?) ON CONFLICT DO NOTHING")) {
            delivery.setString(1, instance);
            delivery.setLong(2, event.position());
            delivery.setBoolean(3, replay);
            delivery.executeUpdate();
            seen.setLong(1, event.position());
            seen.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        return ProjectionRunner.Result.DONE;
    }
}
