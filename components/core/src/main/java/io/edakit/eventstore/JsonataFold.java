package io.edakit.eventstore;

import java.util.LinkedHashMap;
import java.util.Map;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A fold written as a JSONata expression. It is evaluated with {@code $state} (the state so far,
 * null for the first event), {@code $event} ({@code id, type, revision, stream, version, position,
 * recorded, time}) and the event's data as its input, and answers the next state; an undefined
 * answer keeps the state. Example: {@code $merge([$state, {"total": $state.total + amount}])}.
 *
 * <p>Its identity is the expression itself (hashed in the snapshot key), so editing the expression
 * ignores the snapshots of the old one.
 */
public final class JsonataFold implements Fold {

    private final String expression;
    private final Jsonata compiled;

    public JsonataFold(String expression) {
        this.expression = expression;
        try {
            this.compiled = Jsonata.jsonata(expression);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("JSONata fold '" + expression + "' does not parse: " + e.getMessage(), e);
        }
    }

    @Override
    public String identity() {
        return "jsonata:" + expression;
    }

    @Override
    public JsonNode apply(JsonNode state, JsonNode data, StoredEvent event) {
        Object result;
        // a compiled expression keeps per-evaluation state: one evaluation at a time
        synchronized (compiled) {
            Jsonata.Frame frame = compiled.createFrame();
            frame.bind("state", java(state));
            frame.bind("event", eventView(event));
            try {
                result = compiled.evaluate(java(data), frame);
            } catch (RuntimeException e) {
                throw new IllegalStateException("JSONata fold failed on event " + event.id() + " (stream '"
                        + event.streamId() + "' version " + event.version() + "): " + e.getMessage(), e);
            }
        }
        if (result == null) {
            return state;
        }
        if (result == Jsonata.NULL_VALUE) {
            return NullNode.getInstance();
        }
        return JdbcEventStore.JSON.valueToTree(plain(result));
    }

    private static Map<String, Object> eventView(StoredEvent event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", event.id());
        view.put("type", event.type());
        view.put("revision", event.revision());
        view.put("stream", event.streamId());
        view.put("version", event.version());
        view.put("position", event.position());
        view.put("recorded", event.recordedAt().toString());
        view.put("time", event.eventTime().toString());
        return view;
    }

    private static Object java(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return JdbcEventStore.JSON.convertValue(node, Object.class);
    }

    /** dashjoin's sequences and NULL_VALUE into plain lists, maps and null. */
    private static Object plain(Object value) {
        if (value == Jsonata.NULL_VALUE) {
            return null;
        }
        if (value instanceof java.util.List<?> list) {
            java.util.List<Object> copy = new java.util.ArrayList<>(list.size());
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, plain(v)));
            return copy;
        }
        return value;
    }
}
