package io.edakit.idempotency;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Group commit of the JDBC idempotency store on an H2 file. */
class H2FileIdempotencyGroupCommitTest extends IdempotencyGroupCommitTest {

    @TempDir
    static Path directory;

    @BeforeAll
    static void open() {
        openDatabase("jdbc:h2:file:" + directory.resolve("keys").toAbsolutePath(), "sa");
    }
}
