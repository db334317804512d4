package io.edakit.saga;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Group commit of the saga log on an H2 file, the embedded default. */
class H2FileSagaLogGroupCommitTest extends SagaLogGroupCommitTest {

    @TempDir
    static Path directory;
    private static JdbcSagaLog log;

    @BeforeAll
    static void open() {
        log = JdbcSagaLog.open("jdbc:h2:file:" + directory.resolve("saga").toAbsolutePath(), "sa", "", 4);
    }

    @AfterAll
    static void close() {
        log.close();
    }

    @Override
    protected JdbcSagaLog log() {
        return log;
    }
}
