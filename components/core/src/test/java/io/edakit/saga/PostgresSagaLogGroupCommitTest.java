package io.edakit.saga;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Group commit of the saga log on a real PostgreSQL. */
class PostgresSagaLogGroupCommitTest extends SagaLogGroupCommitTest {

    private static EmbeddedPostgres postgres;
    private static JdbcSagaLog log;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        log = JdbcSagaLog.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", 4);
    }

    @AfterAll
    static void stop() throws Exception {
        if (log != null) {
            log.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected JdbcSagaLog log() {
        return log;
    }
}
