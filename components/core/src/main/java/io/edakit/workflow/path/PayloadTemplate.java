package io.edakit.workflow.path;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign): fields whose name
 * ends in {@code .$} take the value of their Path or intrinsic call, under the name without the
 * suffix; other values are copied, objects and arrays walked. A Path that finds nothing fails with
 * the error name the caller gives (States.ParameterPathFailure for Parameters).
 */
public final class PayloadTemplate {

    private PayloadTemplate() {
    }

    /** Null when every {@code .$} value in {@code template} is a valid Path or intrinsic call, else why not. */
    public static String syntaxError(JsonNode template) {
        if (template instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String error = field.getKey().endsWith(".$") ? valueError(field.getKey(), field.getValue())
                        : syntaxError(field.getValue());
                if (error != null) {
                    return error;
                }
            }
        } else if (template instanceof ArrayNode array) {
            for (JsonNode item : array) {
                String error = syntaxError(item);
                if (error != null) {
                    return error;
                }
            }
        }
        return null;
    }

    private static String valueError(String key, JsonNode value) {
        if (!value.isTextual()) {
            return "the value of " + key + " must be a Path or an intrinsic function (a string)";
        }
        String text = value.textValue();
        if (Intrinsics.isCall(text)) {
            try {
                Intrinsics.parse(text);
                return null;
            } catch (IllegalArgumentException e) {
                return key + ": " + e.getMessage();
            }
        }
        String error = JsonPaths.syntaxError(text);
        return error == null ? null : key + ": " + error;
    }

    public static JsonNode apply(JsonNode template, JsonNode input, Scope scope, String pathError) {
        if (template instanceof ObjectNode object) {
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (key.endsWith(".$")) {
                    result.set(key.substring(0, key.length() - 2), value(field.getValue().textValue(), input, scope, pathError));
                } else {
                    result.set(key, apply(field.getValue(), input, scope, pathError));
                }
            }
            return result;
        }
        if (template instanceof ArrayNode array) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode(array.size());
            for (JsonNode item : array) {
                result.add(apply(item, input, scope, pathError));
            }
            return result;
        }
        return template;
    }

    private static JsonNode value(String expression, JsonNode input, Scope scope, String pathError) {
        if (Intrinsics.isCall(expression)) {
            return Intrinsics.parse(expression).evaluate(input, scope);
        }
        try {
            return JsonPaths.read(expression, input, scope, pathError);
        } catch (PathFailure e) {
            throw new PathFailure(pathError, "The JSONPath '" + expression + "' could not be found in the input "
                    + abbreviated(input));
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
