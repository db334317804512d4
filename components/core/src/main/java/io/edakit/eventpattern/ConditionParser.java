package io.edakit.eventpattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one attribute's list of conditions. A condition is an exact value (a string; a boolean is
 * read as its text; a number matches numerically equal values) or a map with exactly one
 * operator.
 */
final class ConditionParser {

    static final List<String> OPERATORS = List.of(
            "prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists", "wildcard");
    static final String IGNORE_CASE = "equals-ignore-case";

    private ConditionParser() {
    }

    static List<Condition> parseAll(Object raw, String path) {
        if (!(raw instanceof List<?> list)) {
            throw RuleSetException.at(path, "must be a list of conditions, e.g. [order.created] or [{prefix: \"order.\"}],"
                    + " but is " + YamlValues.describe(raw));
        }
        if (list.isEmpty()) {
            throw RuleSetException.at(path, "is an empty list, which no event could match");
        }
        List<Condition> conditions = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            conditions.add(parse(list.get(i), path + "[" + i + "]"));
        }
        return conditions;
    }

    static Condition parse(Object raw, String path) {
        if (raw == null) {
            throw RuleSetException.at(path, "is empty (null); attribute values are strings: write \"\" for an empty"
                    + " value or {exists: false} for a missing attribute");
        }
        if (raw instanceof String text) {
            return new ExactValue(text);
        }
        if (raw instanceof Boolean flag) {
            return new ExactValue(flag.toString());
        }
        if (raw instanceof Number) {
            return NumericRange.equalTo(YamlValues.number(raw, path));
        }
        if (raw instanceof Map<?, ?> map) {
            return operator(map, path);
        }
        throw RuleSetException.at(path, YamlValues.describe(raw) + " is not a condition; expected a string, a number"
                + " or an operator map such as {prefix: \"order.\"}");
    }

    private static Condition operator(Map<?, ?> map, String path) {
        if (map.size() != 1) {
            throw RuleSetException.at(path, "a condition holds exactly one operator, but this one has " + map.keySet()
                    + "; write alternatives as separate conditions in the list");
        }
        Map.Entry<?, ?> entry = map.entrySet().iterator().next();
        String operator = String.valueOf(entry.getKey());
        String here = path + "." + operator;
        Object value = entry.getValue();
        switch (operator) {
            case "prefix":
                return prefixOrSuffix(value, here, true);
            case "suffix":
                return prefixOrSuffix(value, here, false);
            case IGNORE_CASE:
                return new EqualsIgnoreCase(YamlValues.string(value, here, "a string"));
            case "anything-but":
                return AnythingButParser.parse(value, here);
            case "numeric":
                return NumericParser.parse(value, here);
            case "exists":
                if (value instanceof Boolean present) {
                    return new Exists(present);
                }
                throw RuleSetException.at(here, "must be true or false, but is " + YamlValues.describe(value));
            case "wildcard":
                return wildcard(value, here);
            default:
                throw RuleSetException.at(path, "unknown operator '" + operator + "'; expected one of "
                        + String.join(", ", OPERATORS));
        }
    }

    /** {@code "text"} or {@code {equals-ignore-case: "text"}}. */
    private static Condition prefixOrSuffix(Object value, String path, boolean prefix) {
        boolean ignoreCase = false;
        Object text = value;
        if (value instanceof Map<?, ?> map && map.size() == 1 && map.containsKey(IGNORE_CASE)) {
            ignoreCase = true;
            text = map.get(IGNORE_CASE);
            path = path + "." + IGNORE_CASE;
        }
        String checked = YamlValues.string(text, path, "a string or {equals-ignore-case: string}");
        return prefix ? new Prefix(checked, ignoreCase) : new Suffix(checked, ignoreCase);
    }

    static Wildcard wildcard(Object value, String path) {
        String pattern = YamlValues.string(value, path, "a string");
        try {
            return Wildcard.of(pattern);
        } catch (IllegalArgumentException e) {
            throw RuleSetException.at(path, e.getMessage());
        }
    }
}
