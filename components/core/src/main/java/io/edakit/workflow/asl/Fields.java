package io.edakit.workflow.asl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fields of one JSON object of a definition, read once each: whatever is left unread at
 * {@link #finish()} is reported (so no field is ever silently skipped), and wrong types are
 * reported with the field's JSON pointer.
 */
final class Fields {

    /** ASL fields edakit knows but does not run yet, with what to say about them. */
    private static final Map<String, String> NOT_YET = Map.ofEntries(
            Map.entry("Credentials", "Credentials (cross-account role) is not supported"),
            Map.entry("ItemReader", "ItemReader (distributed Map over S3) is not supported: use an inline Map with ItemsPath/Items"),
            Map.entry("ItemBatcher", "ItemBatcher (distributed Map) is not supported"),
            Map.entry("ResultWriter", "ResultWriter (distributed Map) is not supported"),
            Map.entry("MaxConcurrencyPath", "MaxConcurrencyPath is not supported yet: use MaxConcurrency"),
            Map.entry("ToleratedFailurePercentagePath", "ToleratedFailurePercentagePath is not supported yet: use ToleratedFailurePercentage"),
            Map.entry("ToleratedFailureCountPath", "ToleratedFailureCountPath is not supported yet: use ToleratedFailureCount"),
            Map.entry("Label", "Label (distributed Map) is not supported")
            );

    private static final Set<String> JSONPATH_ONLY = Set.of("InputPath", "OutputPath", "Parameters", "ResultSelector",
            "ResultPath", "ItemsPath", "SecondsPath", "TimestampPath", "ErrorPath", "CausePath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "Result",
            "Variable", "Iterator");
    private static final Set<String> JSONATA_ONLY = Set.of("Arguments", "Output", "Items", "Condition");

    private final ObjectNode object;
    final String pointer;
    final String state;
    private final Problems problems;
    private final Set<String> read = new LinkedHashSet<>();

    Fields(JsonNode node, String pointer, String state, Problems problems) {
        this.object = node instanceof ObjectNode o ? o : null;
        this.pointer = pointer;
        this.state = state;
        this.problems = problems;
        if (object == null) {
            problem(pointer, "expected an object, got " + describe(node));
        }
    }

    boolean valid() {
        return object != null;
    }

    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    String at(String name) {
        return child(pointer, name);
    }

    void problem(String at, String message) {
        problems.add(state, at, message);
    }

    boolean has(String name) {
        return object != null && object.has(name);
    }

    /** The field's value, null when absent (a JSON null is returned as NullNode). */
    JsonNode node(String name) {
        read.add(name);
        return object == null ? null : object.get(name);
    }

    String string(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem(at(name), "expected a string, got " + describe(value));
            return null;
        }
        return value.textValue();
    }

    String requiredString(String name) {
        if (!has(name)) {
            node(name);
            problem(at(name), "missing required field " + name);
            return null;
        }
        return string(name);
    }

    /** A path field: "$" when absent, null when JSON null, else the string. */
    String path(String name, boolean nullable) {
        JsonNode value = node(name);
        if (value == null) {
            return "$";
        }
        if (value.isNull() && nullable) {
            return null;
        }
        if (!value.isTextual()) {
            problem(at(name), "expected a path string" + (nullable ? " or null" : "") + ", got " + describe(value));
            return "$";
        }
        return value.textValue();
    }

    Integer integer(String name, int min) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min) {
            problem(at(name), "expected an integer >= " + min + ", got " + describe(value));
            return null;
        }
        return value.intValue();
    }

    Double number(String name, double min, double max) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
            problem(at(name), "expected a number from " + min + " to " + max + ", got " + describe(value));
            return null;
        }
        return value.doubleValue();
    }

    Boolean bool(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(at(name), "expected true or false, got " + describe(value));
            return null;
        }
        return value.booleanValue();
    }

    List<String> strings(String name) {
        JsonNode value = node(name);
        List<String> values = new ArrayList<>();
        if (value == null) {
            return values;
        }
        if (!value.isArray()) {
            problem(at(name), "expected an array of strings, got " + describe(value));
            return values;
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i).isTextual()) {
                values.add(value.get(i).textValue());
            } else {
                problem(at(name) + "/" + i, "expected a string, got " + describe(value.get(i)));
            }
        }
        return values;
    }

    /** Reports every field not read, naming the language mismatches and the unsupported ones. */
    void finish(QueryLanguage language) {
        if (object == null) {
            return;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (read.contains(name)) {
                continue;
            }
            if (NOT_YET.containsKey(name)) {
                problem(at(name), NOT_YET.get(name));
            } else if (language == QueryLanguage.JSONATA && JSONPATH_ONLY.contains(name)) {
                problem(at(name), name + " is a JSONPath field; this state uses JSONata (use Arguments, Output, Items, Condition)");
            } else if (language == QueryLanguage.JSONPATH && JSONATA_ONLY.contains(name)) {
                problem(at(name), name + " is a JSONata field; this state uses JSONPath (set \"QueryLanguage\": \"JSONata\")");
            } else {
                problem(at(name), "unknown field " + name + " here");
            }
        }
    }

    static String describe(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase() + " " + (text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }

    /** Collects problems for one document. */
    static final class Problems {
        final String file;
        final List<Problem> list = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void add(String state, String pointer, String message) {
            list.add(new Problem(file, state, pointer, message));
        }
    }
}
