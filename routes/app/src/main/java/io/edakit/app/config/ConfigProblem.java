package io.edakit.app.config;

/**
 * Something wrong with the configuration: where (file, key) and what is expected. Always one line:
 * a message that arrives with line breaks (a parser's, say) is joined into one.
 */
public record ConfigProblem(String file, String key, String message) {

    public ConfigProblem {
        message = message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public String toString() {
        return file + ": " + key + ": " + message;
    }
}
