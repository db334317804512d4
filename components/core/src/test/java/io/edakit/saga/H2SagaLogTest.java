package io.edakit.saga;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The saga log on H2, the embedded default. */
class H2SagaLogTest extends SagaLogContractTest {

    private static JdbcSagaLog log;
    private static JdbcSagaLog other;

    @BeforeAll
    static void open() {
        String url = "jdbc:h2:mem:saga-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        log = JdbcSagaLog.open(url, "sa", "", 4);
        other = JdbcSagaLog.open(url, "sa", "", 4);
    }

    @AfterAll
    static void close() {
        other.close();
        log.close();
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
