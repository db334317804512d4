package io.edakit.deadletter;

/**
 * What a long redrive tells whoever watches it (a redrive task), and how it is told to stop.
 * Called on the thread that judges the dead letters, once per message: keep it cheap.
 */
public interface RedriveProgress {

    /** Nobody watches, nothing cancels. */
    RedriveProgress NONE = new RedriveProgress() {
    };

    /** After each dead letter was judged: the counts so far (moved counts sends not yet confirmed too). */
    default void judged(RedriveReport soFar) {
    }

    /** Asked before each dead letter: true ends the redrive there, the message and all after it stay. */
    default boolean cancelled() {
        return false;
    }
}
