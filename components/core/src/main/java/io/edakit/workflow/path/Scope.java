package io.edakit.workflow.path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a JSONPath expression can see besides its input: the context object ({@code $$}) and the
 * workflow variables ({@code $name}); and the source of randomness for States.UUID/MathRandom, so
 * that a replayed execution draws the same values.
 */
public interface Scope {

    JsonNode context();

    /** The variable's value, or null when no such variable is in scope. */
    JsonNode variable(String name);

    /** A pseudo-random long from the execution's own deterministic sequence. */
    long nextRandom();
}
