package io.edakit.eventstore;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/** An H2 trigger refusing events of type {@code refused}: a value the database will not take. */
public final class RefuseEventType implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        if ("refused".equals(newRow[4])) { // event_type, the fifth of EventTables.EVENT_COLUMNS
            throw new SQLException("events of type 'refused' are refused by a trigger", "23514");
        }
    }
}
