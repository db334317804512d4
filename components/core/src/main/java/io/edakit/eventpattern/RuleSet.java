package io.edakit.eventpattern;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of one event bus, in declaration order, and what happens to events none matches.
 *
 * @param source    where the rules were read from (a file name), named in every error message
 * @param rules     rules with unique names; an event goes to the targets of every rule it matches
 * @param unmatched what happens to an event no rule matches
 */
public record RuleSet(String source, List<Rule> rules, UnmatchedPolicy unmatched) {

    public RuleSet {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(unmatched, "unmatched");
        rules = List.copyOf(rules);
        Map<String, Integer> declared = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Integer first = declared.putIfAbsent(rules.get(i).name(), i);
            if (first != null) {
                throw new RuleSetException(source + ": rule '" + rules.get(i).name() + "' is declared twice (rules["
                        + first + "] and rules[" + i + "]); rule names must be unique");
            }
        }
    }

    /** Reads a rule set from a YAML file (see {@link RuleSetParser} for the format). */
    public static RuleSet load(Path file) {
        return RuleSetParser.load(file);
    }

    /** Reads a rule set from YAML text; {@code source} names it in error messages. */
    public static RuleSet parse(String yaml, String source) {
        return RuleSetParser.parse(yaml, source);
    }
}
