package io.edakit.idempotency;

import io.edakit.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on a real PostgreSQL, a database of its own on the shared embedded server. */
class PostgresIdempotencyStoreTest extends JdbcIdempotencyStoreContractTest {

    @BeforeAll
    static void startPostgres() throws Exception {
        openDatabase(SharedPostgres.newDatabase(), "postgres");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        closeDatabase();
    }
}
