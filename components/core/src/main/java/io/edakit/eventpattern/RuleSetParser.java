package io.edakit.eventpattern;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rule set document:
 *
 * <pre>
 * rules:
 *   - name: physical-orders
 *     pattern: { type: [order.created], kind: [physical] }
 *     targets: [channel:warehouse, channel:audit]
 * unmatched: drop        # or: { target: channel:unrouted }
 * </pre>
 *
 * Unknown keys are errors rather than ignored: a misspelt {@code target:} would otherwise leave a
 * rule without targets, or {@code unmatch:} silently change where unrouted events go.
 */
public final class RuleSetParser {

    private static final Set<String> DOCUMENT_KEYS = Set.of("rules", "unmatched");
    private static final Set<String> RULE_KEYS = Set.of("name", "pattern", "targets");

    private RuleSetParser() {
    }

    public static RuleSet load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleSetException(file + ": cannot be read: " + e, e);
        }
        return parse(yaml, file.toString());
    }

    public static RuleSet parse(String yaml, String source) {
        return fromDocument(YamlValues.load(yaml, source), source);
    }

    /** @param document the parsed YAML/JSON: a map with {@code rules} and {@code unmatched} */
    public static RuleSet fromDocument(Object document, String source) {
        if (!(document instanceof Map<?, ?> map)) {
            throw RuleSetException.at(source, "must be a map with 'rules' and 'unmatched', but is "
                    + YamlValues.describe(document));
        }
        rejectUnknownKeys(map, DOCUMENT_KEYS, source);
        if (!map.containsKey("rules")) {
            throw RuleSetException.at(source, "'rules' is missing");
        }
        if (!(map.get("rules") instanceof List<?> rawRules)) {
            throw RuleSetException.at(source + ": rules", "must be a list of rules, but is "
                    + YamlValues.describe(map.get("rules")));
        }
        List<Rule> rules = new ArrayList<>(rawRules.size());
        for (int i = 0; i < rawRules.size(); i++) {
            rules.add(rule(rawRules.get(i), source, i));
        }
        return new RuleSet(source, rules, unmatched(map, source));
    }

    private static Rule rule(Object raw, String source, int index) {
        String where = source + ": rules[" + index + "]";
        if (!(raw instanceof Map<?, ?> map)) {
            throw RuleSetException.at(where, "must be a map with name, pattern and targets, but is " + YamlValues.describe(raw));
        }
        Object name = map.get("name");
        if (!(name instanceof String text) || text.isBlank()) {
            throw RuleSetException.at(where, "needs a name (a non-empty string), but has " + YamlValues.describe(name));
        }
        where = source + ": rule '" + text + "'";
        rejectUnknownKeys(map, RULE_KEYS, where);
        if (!map.containsKey("pattern")) {
            throw RuleSetException.at(where, "has no pattern");
        }
        EventPattern pattern = PatternParser.parse(map.get("pattern"), where + ": pattern");
        List<String> targets = targets(map.get("targets"), where + ": targets");
        try {
            return new Rule(text, pattern, targets);
        } catch (IllegalArgumentException e) {
            throw new RuleSetException(source + ": " + e.getMessage(), e);
        }
    }

    private static List<String> targets(Object raw, String where) {
        if (raw == null) {
            throw RuleSetException.at(where, "missing; list where matching events go, e.g. targets: [channel:audit]");
        }
        if (!(raw instanceof List<?> list)) {
            throw RuleSetException.at(where, "must be a list of channel names or endpoint URIs, but is "
                    + YamlValues.describe(raw));
        }
        List<String> targets = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            targets.add(YamlValues.string(list.get(i), where + "[" + i + "]", "a channel name or endpoint URI"));
        }
        return targets;
    }

    private static UnmatchedPolicy unmatched(Map<?, ?> document, String source) {
        String where = source + ": unmatched";
        Object raw = document.get("unmatched");
        if ("drop".equals(raw)) {
            return UnmatchedPolicy.drop();
        }
        if (raw instanceof Map<?, ?> map && map.size() == 1 && map.get("target") instanceof String target && !target.isBlank()) {
            return UnmatchedPolicy.sendTo(target);
        }
        throw RuleSetException.at(where, (raw == null ? "missing" : "is " + YamlValues.describe(raw))
                + "; say what happens to events no rule matches: 'unmatched: drop' or 'unmatched: {target: channel:unrouted}'");
    }

    private static void rejectUnknownKeys(Map<?, ?> map, Set<String> known, String where) {
        for (Object key : map.keySet()) {
            if (!known.contains(key)) {
                throw RuleSetException.at(where, "unknown key '" + key + "'; expected "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
