package io.edakit.jdbc;

import java.sql.SQLException;

/**
 * The two databases edakit's JDBC stores speak, and where they differ: how an insert that meets an
 * existing key is told apart from a real error.
 */
public enum SqlDialect {

    /**
     * PostgreSQL: {@code ON CONFLICT DO NOTHING} answers 0 rows instead of failing, so a duplicate
     * leaves no error in the server log (there would be one per duplicate message otherwise).
     */
    POSTGRESQL(" ON CONFLICT DO NOTHING", "BYTEA"),
    /** H2: a plain insert; the duplicate key error (SQLState 23505) is the answer "already there". */
    H2("", "VARBINARY");

    private final String insertSuffix;
    private final String binaryType;

    SqlDialect(String insertSuffix, String binaryType) {
        this.insertSuffix = insertSuffix;
        this.binaryType = binaryType;
    }

    /** The column type of a byte array of any (practical) length. */
    public String binaryType() {
        return binaryType;
    }

    public static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported database URL '" + jdbcUrl
                + "': expected jdbc:h2:... or jdbc:postgresql:...");
    }

    /**
     * The URL to connect with so that a committed statement survives the process being killed. H2
     * writes commits to its file up to half a second later by default (WRITE_DELAY): a killed
     * process would lose them, a saga would forget a step it ran. Unless the URL sets its own
     * WRITE_DELAY, an H2 file database is opened with 0. (PostgreSQL commits durably already.)
     */
    public String durableUrl(String jdbcUrl) {
        String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
        boolean file = !upper.startsWith("JDBC:H2:MEM:") && !upper.startsWith("JDBC:H2:TCP:")
                && !upper.startsWith("JDBC:H2:SSL:") && !upper.startsWith("JDBC:H2:ZIP:");
        if (this == H2 && file && !upper.contains(";WRITE_DELAY=")) {
            return jdbcUrl + ";WRITE_DELAY=0";
        }
        return jdbcUrl;
    }

    /** An insert statement that does not fail on an existing key where the database allows it. */
    public String insertIfAbsent(String insert) {
        return insert + insertSuffix;
    }

    public static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
