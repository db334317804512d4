package io.edakit.transport;

/**
 * How a receiver learns what became of a message it delivered. Exactly one of the two methods is
 * called, once, from any thread, after the message's processing finished.
 */
public interface Settlement {

    /** Processing finished (handled, or safely written elsewhere): the message may be acknowledged. */
    void accept();

    /** Processing failed: the message must be delivered again (to this or another receiver). */
    void reject(Throwable cause);
}
