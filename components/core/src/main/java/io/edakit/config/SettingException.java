package io.edakit.config;

/**
 * A setting whose value does not fit its declaration, thrown when the value is read: the key and
 * what was expected, never the value of a secret. The configuration check reports the same problem
 * earlier, as a {@code file: key: expectation} line, before anything starts.
 */
public final class SettingException extends IllegalArgumentException {

    private final String key;
    private final String expectation;

    public SettingException(String key, String expectation) {
        super(key + ": " + expectation);
        this.key = key;
        this.expectation = expectation;
    }

    public String key() {
        return key;
    }

    public String expectation() {
        return expectation;
    }
}
