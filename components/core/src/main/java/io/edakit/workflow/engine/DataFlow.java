package io.edakit.workflow.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.edakit.workflow.asl.StateCommon;
import io.edakit.workflow.jsonata.JsonataTemplates;
import io.edakit.workflow.path.JsonPaths;
import io.edakit.workflow.path.PathFailure;
import io.edakit.workflow.path.PayloadTemplate;
import io.edakit.workflow.path.ReferencePath;

/**
 * The input/output chain of a state, in ASL's order.
 *
 * <p>JSONPath: raw input -> InputPath -> Parameters (the effective input) -> the work -> ResultSelector
 * -> ResultPath (the result placed into the raw input) -> OutputPath. JSONata: Arguments (evaluated
 * against {@code $states.input}, the raw input) -> the work -> Output (default: the result) with
 * {@code $states.result}; Assign is evaluated with the same view and takes effect after Output, so a
 * state never sees its own assignments.
 */
final class DataFlow {

    private static final String RUNTIME = "States.Runtime";
    private static final String PARAMETERS = "States.ParameterPathFailure";

    private DataFlow() {
    }

    /** InputPath: null gives {}. A path that matches nothing is States.Runtime. */
    static JsonNode inputPath(StateCommon c, JsonNode raw, StateContext scope) {
        return select(c.inputPath(), raw, scope, "InputPath");
    }

    /** The effective input of a JSONPath state: InputPath, then Parameters when present. */
    static JsonNode effectiveInput(StateCommon c, JsonNode raw, StateContext scope) {
        if (c.jsonata()) {
            return c.arguments() == null ? raw : undefinedAsNull(JsonataTemplates.evaluate(c.arguments(), scope));
        }
        JsonNode selected = inputPath(c, raw, scope);
        return c.parameters() == null ? selected : PayloadTemplate.apply(c.parameters(), selected, scope, PARAMETERS);
    }

    /**
     * The state's output from its result. JSONPath: {@code selected} is the result after ResultSelector
     * ({@link #selectedResult}); it goes to ResultPath in {@code raw}, then OutputPath. JSONata: Output,
     * default the result.
     */
    static JsonNode output(StateCommon c, JsonNode raw, JsonNode selected, StateContext scope) {
        if (c.jsonata()) {
            return c.output() == null ? selected
                    : undefinedAsNull(JsonataTemplates.evaluate(c.output(), scope.withResult(selected)));
        }
        JsonNode placed = resultPath(c.resultPath(), raw, selected);
        return select(c.outputPath(), placed, scope, "OutputPath");
    }

    /** The state's result after ResultSelector (JSONPath), what JSONPath's Assign sees as $. */
    static JsonNode selectedResult(StateCommon c, JsonNode result, StateContext scope) {
        return c.jsonata() || c.resultSelector() == null ? result
                : PayloadTemplate.apply(c.resultSelector(), result, scope, PARAMETERS);
    }

    /** Output of a state without a result of its own (Choice, Wait, Succeed): OutputPath, or JSONata Output. */
    static JsonNode passThrough(StateCommon c, JsonNode raw, JsonNode effective, StateContext scope) {
        if (c.jsonata()) {
            return c.output() == null ? raw : undefinedAsNull(JsonataTemplates.evaluate(c.output(), scope));
        }
        return select(c.outputPath(), effective, scope, "OutputPath");
    }

    static JsonNode resultPath(String path, JsonNode raw, JsonNode result) {
        if (path == null) {
            return raw;
        }
        return ReferencePath.parse(path).place(raw, result);
    }

    /**
     * The variables an Assign sets, evaluated before any takes effect. JSONPath: a payload template on
     * {@code data} (the result after ResultSelector, or the effective input); JSONata: templates with $states.
     */
    static Map<String, JsonNode> assign(JsonNode assign, boolean jsonata, JsonNode data, StateContext scope) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (assign == null) {
            return values;
        }
        if (jsonata) {
            assign.fields().forEachRemaining(field -> {
                JsonNode value = JsonataTemplates.evaluate(field.getValue(), scope);
                values.put(field.getKey(), undefinedAsNull(value));
            });
        } else {
            JsonNode evaluated = PayloadTemplate.apply(assign, data, scope, PARAMETERS);
            evaluated.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue()));
        }
        return values;
    }

    private static JsonNode select(String path, JsonNode node, StateContext scope, String field) {
        if (path == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        if ("$".equals(path)) {
            return node;
        }
        try {
            return JsonPaths.read(path, node, scope, RUNTIME);
        } catch (PathFailure e) {
            throw new PathFailure(RUNTIME, "An error occurred while executing the state: Invalid " + field + " '" + path
                    + "': " + e.cause());
        }
    }

    static JsonNode undefinedAsNull(JsonNode value) {
        return value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value;
    }

    static ObjectNode errorOutput(String error, String cause) {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("Error", error);
        if (cause != null) {
            output.put("Cause", cause);
        }
        return output;
    }
}
