package io.edakit.channel;

/** The responder's handler failed; the requester gets this instead of a reply. */
public final class RemoteHandlerException extends RuntimeException {

    private final String remoteType;

    public RemoteHandlerException(String remoteType, String message) {
        super(message);
        this.remoteType = remoteType;
    }

    /** Class name of the exception the responder's handler threw. */
    public String getRemoteType() {
        return remoteType;
    }
}
