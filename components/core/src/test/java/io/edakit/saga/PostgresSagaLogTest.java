package io.edakit.saga;

import io.edakit.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The saga log on a real PostgreSQL, a database of its own on the shared embedded server. */
class PostgresSagaLogTest extends SagaLogContractTest {

    private static JdbcSagaLog log;
    private static JdbcSagaLog other;

    @BeforeAll
    static void startPostgres() throws Exception {
        String url = SharedPostgres.newDatabase();
        log = JdbcSagaLog.open(url, "postgres", "", 4);
        other = JdbcSagaLog.open(url, "postgres", "", 4);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (other != null) {
            other.close();
        }
        if (log != null) {
            log.close();
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
