package io.edakit.workflow.engine;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.edakit.workflow.asl.ChoiceRule;
import io.edakit.workflow.asl.ChoiceRule.Comparison;
import io.edakit.workflow.jsonata.JsonataTemplates;
import io.edakit.workflow.path.JsonPaths;
import io.edakit.workflow.path.PathFailure;
import io.edakit.workflow.path.Timestamps;

/**
 * Choice rules. A comparison of values of different types is false (StringEquals on a number does
 * not match); a Variable (or ...Path value) that selects nothing is States.Runtime, except for
 * IsPresent, which exists to ask.
 */
final class Choices {

    private Choices() {
    }

    static boolean holds(ChoiceRule rule, JsonNode input, StateContext scope) {
        if (rule.jsonataCondition() != null) {
            JsonNode value = rule.jsonataCondition().isBoolean() ? rule.jsonataCondition()
                    : JsonataTemplates.evaluate(rule.jsonataCondition(), scope);
            if (value == null || !value.isBoolean()) {
                throw new PathFailure(JsonataTemplates.FAILURE, "The Condition " + rule.jsonataCondition().textValue()
                        + " must yield a boolean, got " + value);
            }
            return value.booleanValue();
        }
        return holds(rule.condition(), input, scope);
    }

    private static boolean holds(ChoiceRule.Condition condition, JsonNode input, StateContext scope) {
        if (condition instanceof ChoiceRule.And and) {
            return and.all().stream().allMatch(c -> holds(c, input, scope));
        }
        if (condition instanceof ChoiceRule.Or or) {
            return or.any().stream().anyMatch(c -> holds(c, input, scope));
        }
        if (condition instanceof ChoiceRule.Not not) {
            return !holds(not.negated(), input, scope);
        }
        Comparison comparison = (Comparison) condition;
        String operator = comparison.operator();
        if ("IsPresent".equals(operator)) {
            return JsonPaths.present(comparison.variable(), input, scope) == comparison.value().booleanValue();
        }
        JsonNode variable = read(comparison.variable(), input, scope);
        JsonNode expected = comparison.path() ? read(comparison.value().textValue(), input, scope) : comparison.value();
        return switch (operator) {
            case "IsNull" -> variable.isNull() == expected.booleanValue();
            case "IsNumeric" -> variable.isNumber() == expected.booleanValue();
            case "IsString" -> variable.isTextual() == expected.booleanValue();
            case "IsBoolean" -> variable.isBoolean() == expected.booleanValue();
            case "IsTimestamp" -> (variable.isTextual() && Timestamps.valid(variable.textValue())) == expected.booleanValue();
            case "BooleanEquals" -> variable.isBoolean() && expected.isBoolean() && variable.booleanValue() == expected.booleanValue();
            case "StringMatches" -> variable.isTextual() && matches(variable.textValue(), expected.textValue());
            default -> compare(operator, variable, expected);
        };
    }

    private static JsonNode read(String path, JsonNode input, StateContext scope) {
        try {
            return JsonPaths.read(path, input, scope, "States.Runtime");
        } catch (PathFailure e) {
            throw new PathFailure("States.Runtime", "Invalid path '" + path
                    + "': The choice state's condition path references an invalid value.");
        }
    }

    private static boolean compare(String operator, JsonNode variable, JsonNode expected) {
        int order;
        String relation;
        if (operator.startsWith("String")) {
            if (!variable.isTextual() || !expected.isTextual()) {
                return false;
            }
            order = variable.textValue().compareTo(expected.textValue());
            relation = operator.substring("String".length());
        } else if (operator.startsWith("Numeric")) {
            if (!variable.isNumber() || !expected.isNumber()) {
                return false;
            }
            order = new BigDecimal(variable.asText()).compareTo(new BigDecimal(expected.asText()));
            relation = operator.substring("Numeric".length());
        } else if (operator.startsWith("Timestamp")) {
            Instant left = variable.isTextual() ? Timestamps.parse(variable.textValue()) : null;
            Instant right = expected.isTextual() ? Timestamps.parse(expected.textValue()) : null;
            if (left == null || right == null) {
                return false;
            }
            order = left.compareTo(right);
            relation = operator.substring("Timestamp".length());
        } else {
            throw new IllegalStateException(operator);
        }
        return switch (relation) {
            case "Equals" -> order == 0;
            case "LessThan" -> order < 0;
            case "GreaterThan" -> order > 0;
            case "LessThanEquals" -> order <= 0;
            case "GreaterThanEquals" -> order >= 0;
            default -> throw new IllegalStateException(operator);
        };
    }

    /** StringMatches: {@code *} is any run of characters; {@code \*} a literal star, {@code \\} a backslash. */
    static boolean matches(String text, String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '*') {
                regex.append(java.util.regex.Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(java.util.regex.Pattern.quote(literal.toString()));
        return text.matches("(?s)" + regex);
    }
}
