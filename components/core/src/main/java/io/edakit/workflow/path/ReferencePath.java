package io.edakit.workflow.path;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An ASL reference path ({@code $}, {@code $.a.b}, {@code $['a b']}, {@code $.list[2]}): a definite
 * path to one node, as ResultPath uses it to place a result into the state's input.
 */
public final class ReferencePath {

    private final String text;
    /** Field names (String) and array indexes (Integer), root first. */
    private final List<Object> steps;

    private ReferencePath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** Parses {@code text}; IllegalArgumentException saying why when it is no reference path. */
    public static ReferencePath parse(String text) {
        if (text == null || !text.startsWith("$") || text.startsWith("$$")) {
            throw new IllegalArgumentException("a reference path starts with $ (got " + text + ")");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (name.isEmpty() || name.equals("*")) {
                    throw new IllegalArgumentException("a reference path names single fields: " + text);
                }
                steps.add(name);
                i = end;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed [ in " + text);
                }
                String inner = text.substring(i + 1, close).strip();
                if (inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'")
                        || inner.startsWith("\"") && inner.endsWith("\""))) {
                    steps.add(inner.substring(1, inner.length() - 1));
                } else if (inner.matches("\\d+")) {
                    steps.add(Integer.parseInt(inner));
                } else {
                    throw new IllegalArgumentException("a reference path has no wildcards, filters or slices: " + text);
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in reference path " + text);
            }
        }
        return new ReferencePath(text, List.copyOf(steps));
    }

    /**
     * {@code input} with {@code value} placed at this path (ResultPath): "$" gives {@code value} itself;
     * missing objects on the way are created; an existing non-object on the way, or an index outside
     * an array, fails with States.ResultPathMatchFailure. {@code input} is left unchanged.
     */
    public JsonNode place(JsonNode input, JsonNode value) {
        if (steps.isEmpty()) {
            return value;
        }
        JsonNode root = input.deepCopy();
        JsonNode current = root;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof String name) {
                if (!(current instanceof ObjectNode object)) {
                    throw mismatch(input);
                }
                if (last) {
                    object.set(name, value);
                } else {
                    JsonNode child = object.get(name);
                    if (child == null || child.isNull()) {
                        child = object.putObject(name);
                    }
                    current = child;
                }
            } else {
                int index = (Integer) step;
                if (!(current instanceof ArrayNode array) || index >= array.size()) {
                    throw mismatch(input);
                }
                if (last) {
                    array.set(index, value);
                } else {
                    current = array.get(index);
                }
            }
        }
        return root;
    }

    private PathFailure mismatch(JsonNode input) {
        return new PathFailure("States.ResultPathMatchFailure",
                "Unable to apply ResultPath \"" + text + "\" to input " + truncated(input));
    }

    private static String truncated(JsonNode node) {
        String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    @Override
    public String toString() {
        return text;
    }
}
