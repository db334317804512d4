package io.edakit.archive;

import java.util.List;

import io.edakit.jdbc.SqlDialect;

/**
 * The event archive's tables. Times are epoch milliseconds.
 *
 * <ul>
 *   <li>{@value #EVENTS}: one row per archived event, keyed by its archive sequence (the archive
 *       order, which replays follow); an event id is archived once per archive.</li>
 *   <li>{@value #SEQUENCE}: one row, the last sequence and archive time given out. Every archive
 *       write locks it first, so writes commit in sequence order and archive times never go back
 *       along the sequence: a time window is a contiguous range of the archive order, and a replay
 *       reading after its cursor never misses a later commit with a lower sequence.</li>
 * </ul>
 */
final class ArchiveTables {

    static final String EVENTS = "edakit_archive_events";
    static final String SEQUENCE = "edakit_archive_sequence";
    static final String GLOBAL = "global";

    static final String COLUMNS = "sequence, archive, event_id, event_type, archived_at, headers, body";

    private ArchiveTables() {
    }

    static List<String> ddl(SqlDialect dialect) {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + EVENTS + " (sequence BIGINT NOT NULL PRIMARY KEY, "
                        + "archive VARCHAR(200) NOT NULL, event_id VARCHAR(300) NOT NULL, "
                        + "event_type VARCHAR(300) NOT NULL, archived_at BIGINT NOT NULL, headers VARCHAR NOT NULL, "
                        + "body " + dialect.binaryType() + " NOT NULL, "
                        + "CONSTRAINT " + EVENTS + "_event_id UNIQUE (archive, event_id))",
                // a window's events by time: counts, purges, an archive's first and last time
                "CREATE INDEX IF NOT EXISTS " + EVENTS + "_window ON " + EVENTS + " (archive, archived_at, sequence)",
                // a replay's reads: one archive in archive order from a sequence on (see EventArchive.read)
                "CREATE INDEX IF NOT EXISTS " + EVENTS + "_order ON " + EVENTS + " (archive, sequence)",
                "CREATE TABLE IF NOT EXISTS " + SEQUENCE + " (name VARCHAR(100) NOT NULL PRIMARY KEY, "
                        + "sequence BIGINT NOT NULL, archived_at BIGINT NOT NULL)",
                dialect.insertIfAbsent("INSERT INTO " + SEQUENCE + " (name, sequence, archived_at) VALUES ('"
                        + GLOBAL + "', 0, 0)"));
    }
}
