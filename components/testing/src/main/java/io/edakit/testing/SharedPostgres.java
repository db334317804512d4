package io.edakit.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The one embedded PostgreSQL of a test JVM, started by the first test that asks for a database and
 * stopped when the JVM exits. A server start takes 2-4 s (twice that on a loaded machine) and a
 * test JVM has a dozen classes that need one, so they share it; each asks for a database of its
 * own, created empty, so no test sees another's tables.
 */
public final class SharedPostgres {

    /** The user of every database of the shared server (a superuser, without a password). */
    public static final String USER = "postgres";
    public static final String PASSWORD = "";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private SharedPostgres() {
    }

    /** The JDBC URL of a new, empty database on the shared server, for {@link #USER}. */
    public static synchronized String newDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on the shared test PostgreSQL", e);
        }
        return server.getJdbcUrl(USER, name);
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("the shared test PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(SharedPostgres::stop, "stop-shared-postgres"));
        }
        return server;
    }

    private static synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            System.err.println("Stopping the shared test PostgreSQL failed: " + e);
        }
    }
}
