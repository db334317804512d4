package io.edakit.eventpattern;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.edakit.envelope.Envelope;

/**
 * Reads an event pattern from the structure YAML (or JSON) gives: a map of attribute name to a
 * list of conditions, plus an optional {@code $or} whose value is a list of at least two such
 * maps. Conditions are read by {@link ConditionParser}.
 *
 * <p>Every error names where it is ({@code rules.yaml: rule 'x': pattern.type[1]: ...}): the
 * caller passes the location of the pattern, this class adds the path inside it.
 */
public final class PatternParser {

    static final String OR = "$or";

    private PatternParser() {
    }

    /**
     * @param raw   the pattern as parsed YAML/JSON: maps, lists, strings, numbers, booleans
     * @param where the pattern's location for error messages, e.g. {@code rules.yaml: rule 'x': pattern}
     * @throws RuleSetException when the pattern is malformed
     */
    public static EventPattern parse(Object raw, String where) {
        return pattern(raw, where);
    }

    /** A pattern written as YAML or JSON text, e.g. {@code {type: [order.created]}}. */
    public static EventPattern parseYaml(String yaml, String where) {
        return parse(YamlValues.load(yaml, where), where);
    }

    private static EventPattern pattern(Object raw, String path) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw RuleSetException.at(path, "must be a map of attribute names to lists of conditions, but is "
                    + YamlValues.describe(raw));
        }
        if (map.isEmpty()) {
            throw RuleSetException.at(path, "is empty; a pattern needs at least one attribute"
                    + " (to match every event, write {id: [{exists: true}]})");
        }
        List<AttributeMatch> attributes = new ArrayList<>();
        List<EventPattern> anyOf = List.of();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw RuleSetException.at(path, "attribute name " + YamlValues.describe(entry.getKey()) + " is not a string");
            }
            String here = path + "." + name;
            if (name.equals(OR)) {
                anyOf = branches(entry.getValue(), here);
                continue;
            }
            String attribute = attributeName(name, here);
            if (!seen.add(attribute)) {
                throw RuleSetException.at(here, "names attribute '" + attribute + "' a second time (attribute names ignore case)");
            }
            attributes.add(new AttributeMatch(attribute, ConditionParser.parseAll(entry.getValue(), here)));
        }
        return new EventPattern(attributes, anyOf);
    }

    private static List<EventPattern> branches(Object raw, String path) {
        if (!(raw instanceof List<?> list) || list.size() < 2) {
            throw RuleSetException.at(path, "must be a list of at least two patterns, but is " + YamlValues.describe(raw));
        }
        List<EventPattern> branches = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            branches.add(pattern(list.get(i), path + "[" + i + "]"));
        }
        return branches;
    }

    /** Patterns name envelope attributes without their header prefix, and names ignore case. */
    private static String attributeName(String name, String path) {
        if (name.isEmpty()) {
            throw RuleSetException.at(path, "attribute name is empty");
        }
        if (name.startsWith("$")) {
            throw RuleSetException.at(path, "unknown keyword '" + name + "'; only $or combines patterns");
        }
        String canonical = Envelope.canonicalName(name);
        if (canonical != null) {
            throw RuleSetException.at(path, "names the envelope header; write '" + canonical.substring(Envelope.PREFIX.length())
                    + "' (patterns name envelope attributes without the ce_ prefix)");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
