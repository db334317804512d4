package io.edakit.workflow.engine;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Workflow variables (Assign) of one run: its own, then those of the run that started it (a
 * Parallel branch or Map iteration reads the outer variables; what it assigns stays inside it).
 */
final class Variables {

    private final Variables outer;
    private Map<String, JsonNode> own;

    Variables(Variables outer) {
        this.outer = outer;
    }

    JsonNode get(String name) {
        JsonNode value = own == null ? null : own.get(name);
        return value != null || outer == null ? value : outer.get(name);
    }

    void putAll(Map<String, JsonNode> values) {
        if (values.isEmpty()) {
            return;
        }
        if (own == null) {
            own = new HashMap<>();
        }
        own.putAll(values);
    }

    Set<String> names() {
        Set<String> names = outer == null ? new LinkedHashSet<>() : outer.names();
        if (own != null) {
            names.addAll(own.keySet());
        }
        return names;
    }
}
