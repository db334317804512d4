package io.edakit.eventstore;

/** The event store's database failed a read or a write; a failed append may have committed (see {@link io.edakit.jdbc.GroupCommitter}). */
public final class EventStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
