package io.edakit.workflow.jsonata;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.edakit.workflow.path.PathFailure;

/**
 * JSONata in ASL: a string {@code "{% expr %}"} is an expression; any other string, number or
 * boolean is a literal; objects and arrays are templates whose strings may be expressions. An
 * expression that yields nothing (JSONata's undefined) leaves its field out.
 */
public final class JsonataTemplates {

    public static final String FAILURE = "States.QueryEvaluationError";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Jsonata> COMPILED = new ConcurrentHashMap<>();

    private JsonataTemplates() {
    }

    /** What an expression can see: {@code $states} and the variables. */
    public interface Bindings {
        /** The {@code $states} object: input, and where they apply result, errorOutput, context. */
        JsonNode states();

        /** The variable's value, or null when not in scope. */
        JsonNode variable(String name);

        /** Names of every variable in scope. */
        Iterable<String> variableNames();
    }

    public static boolean isExpression(JsonNode value) {
        return value != null && value.isTextual() && isExpression(value.textValue());
    }

    public static boolean isExpression(String text) {
        String stripped = text.strip();
        return stripped.startsWith("{%") && stripped.endsWith("%}") && stripped.length() >= 4;
    }

    /** Null when every expression in {@code template} compiles, else why not. */
    public static String syntaxError(JsonNode template) {
        if (template == null) {
            return null;
        }
        if (template.isTextual()) {
            String text = template.textValue();
            if (!isExpression(text)) {
                return text.strip().startsWith("{%") ? "an expression ends with %}: " + text : null;
            }
            try {
                compile(text);
                return null;
            } catch (RuntimeException e) {
                return "invalid JSONata " + text + ": " + e.getMessage();
            }
        }
        for (JsonNode child : template) {
            String error = syntaxError(child);
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    /** {@code template} evaluated; null stands for JSONata's undefined (only at the top). */
    public static JsonNode evaluate(JsonNode template, Bindings bindings) {
        if (template == null) {
            return null;
        }
        if (template.isTextual()) {
            return isExpression(template.textValue()) ? expression(template.textValue(), bindings) : template;
        }
        if (template instanceof ObjectNode object) {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = evaluate(field.getValue(), bindings);
                if (value != null) {
                    result.set(field.getKey(), value);
                }
            }
            return result;
        }
        if (template instanceof ArrayNode array) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode(array.size());
            for (JsonNode item : array) {
                JsonNode value = evaluate(item, bindings);
                if (value != null) {
                    result.add(value);
                }
            }
            return result;
        }
        return template;
    }

    private static JsonNode expression(String text, Bindings bindings) {
        Jsonata expression = compile(text);
        Object result;
        try {
            // a compiled expression keeps per-evaluation state: one evaluation at a time per expression
            synchronized (expression) {
                Jsonata.Frame frame = expression.createFrame();
                frame.bind("states", toJava(bindings.states()));
                for (String name : bindings.variableNames()) {
                    frame.bind(name, toJava(bindings.variable(name)));
                }
                result = expression.evaluate(null, frame);
            }
        } catch (RuntimeException e) {
            throw new PathFailure(FAILURE, "The JSONata expression '" + text.strip() + "' failed: " + e.getMessage());
        }
        if (result == null) {
            return null;
        }
        if (result == Jsonata.NULL_VALUE) {
            return NullNode.getInstance();
        }
        if (result instanceof Jsonata.JFunction || result.getClass().getName().startsWith("com.dashjoin.jsonata.Jsonata$")) {
            throw new PathFailure(FAILURE, "The JSONata expression '" + text.strip() + "' yields a function");
        }
        return MAPPER.valueToTree(normalise(result));
    }

    /** dashjoin's sequences and NULL_VALUE into plain lists, maps and null. */
    private static Object normalise(Object value) {
        if (value == Jsonata.NULL_VALUE) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new java.util.ArrayList<>(list.size());
            list.forEach(item -> copy.add(normalise(item)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, normalise(v)));
            return copy;
        }
        return value;
    }

    private static Object toJava(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            return Jsonata.NULL_VALUE;
        }
        return MAPPER.convertValue(node, Object.class);
    }

    private static Jsonata compile(String text) {
        String body = text.strip();
        return COMPILED.computeIfAbsent(body.substring(2, body.length() - 2), Jsonata::jsonata);
    }

}
