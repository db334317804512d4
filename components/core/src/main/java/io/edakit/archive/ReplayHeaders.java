package io.edakit.archive;

/**
 * The header a replayed event carries. Lower case on purpose: headers starting with {@code Edakit}
 * stay inside an instance, this one travels to the replay's target and beyond.
 */
public final class ReplayHeaders {

    /** The name of the replay that sent the event; an archive never archives an event that has it. */
    public static final String REPLAY = "edakit_replay";

    private ReplayHeaders() {
    }
}
