package io.edakit.idempotency;

import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on an in-memory H2 database (kept open while the pool holds a connection). */
class H2MemoryIdempotencyStoreTest extends JdbcIdempotencyStoreContractTest {

    @BeforeAll
    static void open() {
        openDatabase("jdbc:h2:mem:idempotency-contract;DB_CLOSE_DELAY=-1", "sa");
    }
}
