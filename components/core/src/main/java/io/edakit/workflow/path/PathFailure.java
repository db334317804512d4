package io.edakit.workflow.path;

/** A path, template or intrinsic function that could not be applied: the ASL error name and a cause. */
public final class PathFailure extends RuntimeException {

    private final String error;

    public PathFailure(String error, String cause) {
        super(cause);
        this.error = error;
    }

    /** The ASL error name, e.g. {@code States.Runtime} or {@code States.IntrinsicFailure}. */
    public String error() {
        return error;
    }

    public String cause() {
        return getMessage();
    }
}
