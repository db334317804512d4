package io.edakit.operator.access;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;

/**
 * The {@code edakit.http.*} settings of the operator API.
 *
 * @param token     the bearer token configured; empty: one is generated into {@link #tokenFile()}
 * @param tokenFile where the generated token is kept
 * @param sessionTtl how long a console login lasts
 */
public record OperatorAccessSettings(Optional<String> token, Path tokenFile, Duration sessionTtl) {

    public static final ParameterSpec TOKEN = ParameterSpec.builder("edakit.http.token", ParameterType.STRING)
            .secret()
            .description("Bearer token of the operator API (/edakit/...): requests that change something (redrive, "
                    + "purge, saga retry and compensate) and reads from other hosts carry 'Authorization: Bearer "
                    + "<token>'. Never logged; at least 16 characters. When empty, one is generated into "
                    + "edakit.http.token-file; required when the HTTP server listens beyond loopback, and in a "
                    + "Spring Boot application serving the operator API (no token is generated there).")
            .example("a-long-random-token").build();
    public static final ParameterSpec TOKEN_FILE = ParameterSpec.builder("edakit.http.token-file", ParameterType.STRING)
            .defaultValue("./data/http-token")
            .description("Where the generated operator token is kept (readable by its owner only, kept across "
                    + "restarts) when edakit.http.token is empty: curl -H \"Authorization: Bearer $(cat <file>)\".")
            .build();

    public static final ParameterSpec SESSION_TTL = ParameterSpec.builder("edakit.http.session-ttl", ParameterType.DURATION)
            .defaultValue("30m")
            .description("How long a login to the console (/console/, with the operator token) lasts; the session "
                    + "cookie is HttpOnly, SameSite=Strict, and Secure over HTTPS. Not extended by use.")
            .build();

    public static final SettingGroup<OperatorAccessSettings> GROUP = SettingGroup.of("Operator API",
            List.of(TOKEN, TOKEN_FILE, SESSION_TTL), OperatorAccessSettings::read);

    public OperatorAccessSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(sessionTtl, "sessionTtl");
    }

    public static OperatorAccessSettings read(SettingSource source) {
        return new OperatorAccessSettings(source.optional(TOKEN), source.path(TOKEN_FILE), source.duration(SESSION_TTL));
    }

    /** The token stays out of {@code toString()}, which ends up in logs. */
    @Override
    public String toString() {
        return "OperatorAccessSettings[token=" + token.map(t -> "***") + ", tokenFile=" + tokenFile + ", sessionTtl=" + sessionTtl + "]";
    }
}
