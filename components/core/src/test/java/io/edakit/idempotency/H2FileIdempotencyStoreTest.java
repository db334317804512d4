package io.edakit.idempotency;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;

/** The JDBC store on an H2 file database, as the embedded default uses it (AUTO_SERVER as well). */
class H2FileIdempotencyStoreTest extends JdbcIdempotencyStoreContractTest {

    @BeforeAll
    static void open() throws Exception {
        Path dir = Files.createTempDirectory("edakit-idempotency-");
        openDatabase("jdbc:h2:file:" + dir.resolve("idempotency") + ";AUTO_SERVER=TRUE", "sa");
    }
}
