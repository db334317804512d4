package io.edakit.eventpattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the value of {@code anything-but}: a string or number, a list of only strings or only
 * numbers, or one of {@code {prefix: s}}, {@code {suffix: s}}, {@code {equals-ignore-case: s or
 * [s, ...]}}, {@code {wildcard: s or [s, ...]}} (the forms EventBridge accepts).
 */
final class AnythingButParser {

    private static final List<String> NESTED = List.of("prefix", "suffix", ConditionParser.IGNORE_CASE, "wildcard");

    private AnythingButParser() {
    }

    static AnythingBut parse(Object raw, String path) {
        if (raw instanceof String || raw instanceof Boolean || raw instanceof Number) {
            return new AnythingBut(List.of(ConditionParser.parse(raw, path)));
        }
        if (raw instanceof List<?> list) {
            return new AnythingBut(values(list, path));
        }
        if (raw instanceof Map<?, ?> map && map.size() == 1) {
            return nested(map.entrySet().iterator().next(), path);
        }
        throw RuleSetException.at(path, "must be a value, a list of values or one of {prefix: ...}, {suffix: ...},"
                + " {equals-ignore-case: ...}, {wildcard: ...}, but is " + YamlValues.describe(raw));
    }

    private static List<Condition> values(List<?> list, String path) {
        if (list.isEmpty()) {
            throw RuleSetException.at(path, "is an empty list; name at least one value to exclude");
        }
        boolean numbers = list.get(0) instanceof Number;
        List<Condition> excluded = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object value = list.get(i);
            String where = path + "[" + i + "]";
            boolean number = value instanceof Number;
            if (number != numbers || !(number || value instanceof String || value instanceof Boolean)) {
                throw RuleSetException.at(where, YamlValues.describe(value) + " does not fit: the list must hold only"
                        + " strings or only numbers");
            }
            excluded.add(ConditionParser.parse(value, where));
        }
        return excluded;
    }

    private static AnythingBut nested(Map.Entry<?, ?> entry, String path) {
        String operator = String.valueOf(entry.getKey());
        String where = path + "." + operator;
        Object value = entry.getValue();
        switch (operator) {
            case "prefix":
                return new AnythingBut(List.of(new Prefix(excludedText(value, where), false)));
            case "suffix":
                return new AnythingBut(List.of(new Suffix(excludedText(value, where), false)));
            case ConditionParser.IGNORE_CASE:
                return new AnythingBut(strings(value, where).stream().<Condition>map(EqualsIgnoreCase::new).toList());
            case "wildcard":
                List<Condition> wildcards = new ArrayList<>();
                List<String> patterns = strings(value, where);
                for (int i = 0; i < patterns.size(); i++) {
                    String at = value instanceof List ? where + "[" + i + "]" : where;
                    Wildcard wildcard = ConditionParser.wildcard(patterns.get(i), at);
                    if (wildcard.matchesEverything()) {
                        throw RuleSetException.at(at, "'" + patterns.get(i) + "' matches every value, so no value could match");
                    }
                    wildcards.add(wildcard);
                }
                return new AnythingBut(wildcards);
            default:
                throw RuleSetException.at(path, "operator '" + operator + "' cannot be used inside anything-but; expected one of "
                        + String.join(", ", NESTED));
        }
    }

    /**
     * The text of an excluded prefix or suffix. Every value starts and ends with "", so an empty
     * one would exclude everything: like a numeric range no number satisfies, it is a mistake, not
     * a way to switch a rule off. A list is refused (EventBridge takes one text here).
     */
    private static String excludedText(Object value, String path) {
        String text = YamlValues.string(value, path, "a string");
        if (text.isEmpty()) {
            throw RuleSetException.at(path, "is empty; every value starts and ends with \"\", so no value could match");
        }
        return text;
    }

    /** A string, or a non-empty list of strings. */
    private static List<String> strings(Object value, String path) {
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            List<String> texts = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                texts.add(YamlValues.string(list.get(i), path + "[" + i + "]", "a string"));
            }
            return texts;
        }
        throw RuleSetException.at(path, "must be a string or a non-empty list of strings, but is " + YamlValues.describe(value));
    }
}
