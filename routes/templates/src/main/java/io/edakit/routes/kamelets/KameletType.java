package io.edakit.routes.kamelets;

import java.util.Locale;

/** Where a Kamelet stands in a Pipe: it starts one, sits between, or ends it. */
public enum KameletType {
    /** Consumes something and delivers each message to {@code kamelet:sink}. */
    SOURCE,
    /** Takes each message from {@code kamelet:source}, works on it, hands it on to {@code kamelet:sink}. */
    ACTION,
    /** Takes each message from {@code kamelet:source} and sends it somewhere. */
    SINK;

    /** The value of the label {@code camel.apache.org/kamelet.type}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
