package io.edakit.app.config;

/** Something wrong with the configuration: where (file, key) and what is expected. */
public record ConfigProblem(String file, String key, String message) {

    @Override
    public String toString() {
        return file + ": " + key + ": " + message;
    }
}
