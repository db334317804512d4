package io.edakit.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import javax.sql.DataSource;

/**
 * The application's own DataSource for edakit's JDBC stores (the idempotency store, the saga log),
 * in place of their {@code jdbc-url} settings: a Spring Boot application's pool, say. Bound in the
 * Camel registry as {@value #BEAN}; the stores look for it when they first open their database.
 *
 * @param dataSource   H2 or PostgreSQL; edakit borrows connections and never closes it
 * @param createTables whether the stores create their tables if missing; false when a DBA created
 *                     them from the shipped DDL (the stores then check they exist at start-up)
 */
public record StoreDataSource(DataSource dataSource, boolean createTables) {

    /** The registry name the stores look up. */
    public static final String BEAN = "edakitStoreDataSource";

    public StoreDataSource {
        Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A database of one store on this DataSource, its tables prepared or checked. */
    public JdbcDatabase database(String purpose, Function<SqlDialect, List<String>> ddl, List<String> tables) {
        return JdbcDatabase.using(purpose, dataSource, createTables, ddl, tables);
    }
}
