package io.edakit.transport;

/**
 * The one address where this application instance receives replies to its requests. Other
 * instances have their own, so a reply never reaches a caller that did not ask for it.
 */
public interface ReplyInbox extends AutoCloseable {

    /** The address to put in a request's reply-to. */
    String address();

    @Override
    void close();
}
