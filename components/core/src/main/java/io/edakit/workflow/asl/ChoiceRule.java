package io.edakit.workflow.asl;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A top-level rule of a Choice state: a JSONPath boolean expression or a JSONata Condition, and
 * where to go when it holds (with the JSONata rule's own Assign and Output).
 */
public record ChoiceRule(Condition condition, JsonNode jsonataCondition, String next, JsonNode assign, JsonNode output) {

    /** A JSONPath boolean expression of a Choice rule. */
    public sealed interface Condition {
    }

    public record And(List<Condition> all) implements Condition {
        public And {
            all = List.copyOf(all);
        }
    }

    public record Or(List<Condition> any) implements Condition {
        public Or {
            any = List.copyOf(any);
        }
    }

    public record Not(Condition negated) implements Condition {
    }

    /**
     * A data-test expression: {@code Variable} compared with {@code operator} (e.g. "NumericLessThan",
     * "IsPresent"); {@code path} true for the ...Path forms, whose {@code value} is a path string.
     */
    public record Comparison(String variable, String operator, JsonNode value, boolean path) implements Condition {
    }
}
