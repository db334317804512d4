package io.edakit.workflow.asl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A state machine, or one scope of one (a Parallel branch, a Map's ItemProcessor): its states in
 * document order and where it starts.
 *
 * @param file           the document it was read from, for messages
 * @param pointer        JSON pointer of this scope in the document ("" for the top)
 * @param timeoutSeconds the execution's TimeoutSeconds (top level only), or null
 */
public record StateMachine(String file, String pointer, String startAt, Map<String, State> states, String comment,
                           Integer timeoutSeconds, QueryLanguage queryLanguage) {

    public StateMachine {
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException("no state '" + name + "' in " + file + pointer);
        }
        return state;
    }
}
