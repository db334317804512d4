package io.edakit.saga;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The saga log on a real PostgreSQL, started from a jar once for this class. */
class PostgresSagaLogTest extends SagaLogContractTest {

    private static EmbeddedPostgres postgres;
    private static JdbcSagaLog log;
    private static JdbcSagaLog other;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        log = JdbcSagaLog.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", 4);
        other = JdbcSagaLog.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", 4);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (other != null) {
            other.close();
        }
        if (log != null) {
            log.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected SagaLog log() {
        return log;
    }

    @Override
    protected SagaLog otherInstance() {
        return other;
    }
}
