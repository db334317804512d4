package io.edakit.app.config;

/**
 * Something wrong with the configuration: where (file, key), the parameter or setting it concerns,
 * and what is expected. Always one line: a message that arrives with line breaks (a parser's, say)
 * is joined into one.
 *
 * @param file      the file that set the key, or would set it (a missing key)
 * @param key       the key as written there, or as it should be added
 * @param parameter the template parameter or setting the problem concerns, dashed
 *                  ({@code redelivery-delay}, {@code edakit.broker.port}); null when it concerns a
 *                  whole template instance or a key that is no known parameter
 * @param message   what is wrong and what is expected; never the value of a secret
 */
public record ConfigProblem(String file, String key, String parameter, String message) {

    public ConfigProblem {
        message = message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** A problem of a key that is no known parameter, or of something larger than one parameter. */
    public ConfigProblem(String file, String key, String message) {
        this(file, key, null, message);
    }

    @Override
    public String toString() {
        return file + ": " + key + ": " + message;
    }
}
