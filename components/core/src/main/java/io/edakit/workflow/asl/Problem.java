package io.edakit.workflow.asl;

/**
 * One thing wrong with a definition: where it is (file, state, JSON pointer into the document) and
 * what is wrong, as one line for people.
 *
 * @param state the state's name, or null for a top-level field
 */
public record Problem(String file, String state, String pointer, String message) {

    @Override
    public String toString() {
        return file + ": " + (state == null ? "" : "state '" + state + "' ") + "at " + (pointer.isEmpty() ? "/" : pointer)
                + ": " + message;
    }
}
