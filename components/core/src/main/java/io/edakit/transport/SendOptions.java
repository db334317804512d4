package io.edakit.transport;

/**
 * How a sender sends.
 *
 * @param persistent whether the broker must persist the message before confirming it
 */
public record SendOptions(boolean persistent) {

    public static final SendOptions PERSISTENT = new SendOptions(true);
    public static final SendOptions NON_PERSISTENT = new SendOptions(false);
}
