package io.edakit.app.config;

import java.io.IOException;

/**
 * A configuration file that cannot be used at all: missing, unreadable, or not a properties file
 * (a malformed escape). The message is one line naming the file (and the line, when known).
 */
public final class ConfigFileException extends IOException {

    public ConfigFileException(String message) {
        super(message);
    }
}
