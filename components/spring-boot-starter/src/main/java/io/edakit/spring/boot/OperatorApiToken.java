package io.edakit.spring.boot;

import io.edakit.config.SettingException;
import io.edakit.operator.access.OperatorAccessSettings;
import io.edakit.operator.access.OperatorToken;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * The operator token a Boot application must configure to serve the operator API. The fat jar
 * generates one into a file when none is set, readable on its host only; a Boot application is
 * deployed however its owner deploys it (containers, several replicas), so it is given one of its own.
 */
final class OperatorApiToken {

    private static final String ATTACHED = "configurationProperties";

    private OperatorApiToken() {
    }

    /** Fails naming the key (and where it is set) unless the token is there and long enough; never shows it. */
    static void check(ConfigurableEnvironment environment) {
        String key = OperatorAccessSettings.TOKEN.name();
        String token = environment.getProperty(key);
        if (token == null || token.isBlank()) {
            throw new SettingException(key, "required with " + SpringBootSettings.OPERATOR_API.name() + "=true: "
                    + "a token of at least " + OperatorToken.MIN_LENGTH + " characters, e.g. in the environment as "
                    + "EDAKIT_HTTP_TOKEN");
        }
        if (token.trim().length() < OperatorToken.MIN_LENGTH) {
            throw new SettingException(key, "expected at least " + OperatorToken.MIN_LENGTH + " characters (not shown: "
                    + "secret), set in " + source(environment, key));
        }
    }

    private static String source(ConfigurableEnvironment environment, String key) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            // Boot's own view over every other source holds every key: name the source under it
            if (!ATTACHED.equals(source.getName()) && source.containsProperty(key)) {
                return source.getName();
            }
        }
        return "the environment";
    }
}
