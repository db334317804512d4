package io.edakit.jdbc;

import java.util.List;
import java.util.Objects;

import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingSource;

/**
 * Where a store's database is: {@code <prefix>.jdbc-url}, {@code -user}, {@code -password}. The
 * idempotency store and the saga log each have their own three keys, declared with {@link #keys}.
 *
 * @param url      jdbc:h2:... or jdbc:postgresql:...
 * @param user     may be empty
 * @param password may be empty; never shown
 */
public record JdbcSettings(String url, String user, String password) {

    public JdbcSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The three keys of one database, to list in a feature's group and read with {@link #read}. */
    public record Keys(ParameterSpec url, ParameterSpec user, ParameterSpec password) {

        public List<ParameterSpec> all() {
            return List.of(url, user, password);
        }

        public JdbcSettings read(SettingSource source) {
            return new JdbcSettings(source.string(url), source.string(user), source.string(password));
        }
    }

    /**
     * The keys {@code <prefix>.jdbc-url}, {@code -user} and {@code -password}; the URL's default is
     * an H2 file {@code ./data/<h2File>}.
     *
     * @param what the database, for the documentation ("the saga log")
     * @param more a sentence added to the URL's documentation, or ""
     */
    public static Keys keys(String prefix, String h2File, String what, String userWhat, String more) {
        return new Keys(ParameterSpec.builder(prefix + ".jdbc-url", ParameterType.STRING)
                .defaultValue("jdbc:h2:file:./data/" + h2File + ";AUTO_SERVER=TRUE")
                .description("JDBC URL of " + what + ": jdbc:h2:... or jdbc:postgresql:...." + more
                        + " Tables are created if missing.")
                .example("jdbc:postgresql://db.internal:5432/edakit").build(),
                ParameterSpec.builder(prefix + ".jdbc-user", ParameterType.STRING)
                        .defaultValue("").description("User of " + userWhat + ".").example("edakit").build(),
                ParameterSpec.builder(prefix + ".jdbc-password", ParameterType.STRING).defaultValue("").secret()
                        .description("Password of " + userWhat + ". Never logged.").example("s3cret").build());
    }

    /** The password stays out of {@code toString()}, which ends up in logs; the URL may hold one too. */
    @Override
    public String toString() {
        return "JdbcSettings[user=" + user + "]";
    }
}
