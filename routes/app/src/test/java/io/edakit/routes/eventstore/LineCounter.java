package io.edakit.routes.eventstore;

import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;

/** A fold in the functional shape (state, data) -> next state: counts the events. */
public final class LineCounter implements BiFunction<JsonNode, JsonNode, JsonNode> {

    @Override
    public JsonNode apply(JsonNode state, JsonNode data) {
        return IntNode.valueOf(state.asInt() + 1);
    }
}
