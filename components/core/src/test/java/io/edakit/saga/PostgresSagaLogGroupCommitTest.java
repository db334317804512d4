package io.edakit.saga;

import io.edakit.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Group commit of the saga log on a real PostgreSQL. */
class PostgresSagaLogGroupCommitTest extends SagaLogGroupCommitTest {

    private static JdbcSagaLog log;

    @BeforeAll
    static void start() throws Exception {
        log = JdbcSagaLog.open(SharedPostgres.newDatabase(), "postgres", "", 4);
    }

    @AfterAll
    static void stop() throws Exception {
        if (log != null) {
            log.close();
        }
    }

    @Override
    protected JdbcSagaLog log() {
        return log;
    }
}
