package io.edakit.jdbc;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The group committer on an H2 file database, opened as the stores open it (commits written at once). */
class H2FileGroupCommitterTest extends GroupCommitterContractTest {

    @TempDir
    static Path directory;
    private static JdbcDatabase database;

    @BeforeAll
    static void open() {
        database = JdbcDatabase.open("a test", "jdbc:h2:file:" + directory.resolve("gc").toAbsolutePath(), "sa", "", 4,
                dialect -> List.of());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    protected JdbcDatabase database() {
        return database;
    }
}
