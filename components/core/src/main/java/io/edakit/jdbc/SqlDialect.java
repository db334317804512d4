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
     * The URL to connect with so that a committed statement survives the process being killed and
     * every read answers what is committed. Two H2 settings change (unless the URL sets its own):
     * <ul>
     *   <li>{@code WRITE_DELAY=0} on a file database. H2 writes commits to its file up to half a
     *       second later by default: a killed process would lose them, a saga would forget a step it
     *       ran. (PostgreSQL commits durably already.)</li>
     *   <li>{@code OPTIMIZE_REUSE_RESULTS=FALSE} on every H2 database. H2 answers a query that is
     *       run again with the same text and parameters from the result it kept, unless a table it
     *       reads was modified since; a commit counts as a modification only until the data is
     *       visible, so a query that ran on one pooled connection while another transaction was
     *       committing keeps the old answer, and the next store operation lent that connection reads
     *       it again: an event-store append saw its stream one version behind after taking the
     *       sequencer lock (1 in 600 racing appends), and any store deciding from a read would be
     *       misled the same way. Turning reuse off costs nothing measurable here: the stores' queries
     *       are index lookups.</li>
     * </ul>
     */
    public String durableUrl(String jdbcUrl) {
        if (this != H2) {
            return jdbcUrl;
        }
        String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
        boolean file = !upper.startsWith("JDBC:H2:MEM:") && !upper.startsWith("JDBC:H2:TCP:")
                && !upper.startsWith("JDBC:H2:SSL:") && !upper.startsWith("JDBC:H2:ZIP:");
        String url = jdbcUrl;
        if (file && !upper.contains(";WRITE_DELAY=")) {
            url += ";WRITE_DELAY=0";
        }
        if (!upper.contains(";OPTIMIZE_REUSE_RESULTS=")) {
            url += ";OPTIMIZE_REUSE_RESULTS=FALSE";
        }
        return url;
    }

    /** An insert statement that does not fail on an existing key where the database allows it. */
    public String insertIfAbsent(String insert) {
        return insert + insertSuffix;
    }

    public static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
