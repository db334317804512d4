package io.edakit.saga;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The saga log on H2, the embedded default. */
class H2SagaLogTest extends SagaLogContractTest {

    private static JdbcSagaLog log;

    @BeforeAll
    static void open() {
        log = JdbcSagaLog.open("jdbc:h2:mem:saga-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
    }

    @AfterAll
    static void close() {
        log.close();
    }

    @Override
    protected SagaLog log() {
        return log;
    }
}
