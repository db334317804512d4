package io.edakit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The URLs the stores connect with: durable commits, and reads that answer what is committed. */
class SqlDialectTest {

    @Test
    void anH2FileDatabaseCommitsAtOnceAndNeverAnswersFromAKeptResult() {
        assertThat(SqlDialect.H2.durableUrl("jdbc:h2:file:./data/saga;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:./data/saga;AUTO_SERVER=TRUE;WRITE_DELAY=0;OPTIMIZE_REUSE_RESULTS=FALSE");
    }

    @Test
    void anInMemoryOrRemoteH2DatabaseStillStopsReusingResults() {
        // the result-reuse race needs only two sessions of one database, wherever its file is
        assertThat(SqlDialect.H2.durableUrl("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test;OPTIMIZE_REUSE_RESULTS=FALSE");
        assertThat(SqlDialect.H2.durableUrl("jdbc:h2:tcp://127.0.0.1/~/x"))
                .isEqualTo("jdbc:h2:tcp://127.0.0.1/~/x;OPTIMIZE_REUSE_RESULTS=FALSE");
    }

    @Test
    void settingsTheUrlMadeItselfAreKept() {
        assertThat(SqlDialect.H2.durableUrl("jdbc:h2:file:/x;write_delay=500;optimize_reuse_results=true"))
                .isEqualTo("jdbc:h2:file:/x;write_delay=500;optimize_reuse_results=true");
    }

    @Test
    void aPostgresUrlIsLeftAsItIs() {
        assertThat(SqlDialect.POSTGRESQL.durableUrl("jdbc:postgresql://127.0.0.1:5432/edakit"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/edakit");
    }
}
