package io.edakit.app.config;

/** One configured key, its value, and the file that set it (the last one wins). */
public record ConfigEntry(String key, String value, String file) {

    @Override
    public String toString() {
        return file + ": " + key; // values stay out: they may be secrets
    }
}
