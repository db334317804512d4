package io.edakit.idempotency;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on an in-memory H2 database (kept open while the pool holds a connection). */
class H2MemoryIdempotencyStoreTest extends IdempotencyStoreContractTest {

    private static IdempotencyDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = IdempotencyDatabase.open("jdbc:h2:mem:idempotency-contract;DB_CLOSE_DELAY=-1", "sa", "", 8);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Override
    protected IdempotencyStore open(String namespace) {
        return database.store(namespace);
    }
}
