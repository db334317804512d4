package io.edakit.idempotency;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on an H2 file database, as the embedded default uses it (AUTO_SERVER as well). */
class H2FileIdempotencyStoreTest extends IdempotencyStoreContractTest {

    private static IdempotencyDatabase database;

    @BeforeAll
    static void openDatabase() throws Exception {
        Path dir = Files.createTempDirectory("edakit-idempotency-");
        database = IdempotencyDatabase.open("jdbc:h2:file:" + dir.resolve("idempotency") + ";AUTO_SERVER=TRUE",
                "sa", "", 8);
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
