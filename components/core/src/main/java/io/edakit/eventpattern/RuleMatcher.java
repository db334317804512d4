package io.edakit.eventpattern;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the rules an event matches, without evaluating the rules it cannot match.
 *
 * <p>{@link #compile} files every rule in an index under keys any matching event must hit (see
 * {@link IndexPlanner}); {@link #matching} looks the event's attributes up, evaluates only the
 * rules found (plus the few that have no keys) and returns those that match, in declaration order.
 * The cost per event depends on the event and on the rules it may match, not on how many rules
 * there are.
 *
 * <p>A compiled matcher is immutable and may be shared by any number of threads; to change the
 * rules, compile a new one and swap the reference.
 */
public final class RuleMatcher {

    private final RuleSet ruleSet;
    private final Rule[] rules;
    private final RuleIndex index;

    private RuleMatcher(RuleSet ruleSet) {
        this.ruleSet = ruleSet;
        this.rules = ruleSet.rules().toArray(Rule[]::new);
        this.index = RuleIndex.build(ruleSet.rules().stream().map(Rule::pattern).toList());
    }

    public static RuleMatcher compile(RuleSet ruleSet) {
        return new RuleMatcher(Objects.requireNonNull(ruleSet, "ruleSet"));
    }

    /**
     * @param attributes attribute name (lower case, envelope attributes without {@code ce_}) to
     *                   value, as {@link EventAttributes#fromHeaders} gives them
     * @return the matching rules in declaration order; empty when none matches
     */
    public List<Rule> matching(Map<String, String> attributes) {
        CandidateBuffer candidates = candidateNumbers(attributes);
        List<Rule> matched = null;
        for (int i = 0; i < candidates.size(); i++) {
            Rule rule = rules[candidates.get(i)];
            if (rule.matches(attributes)) {
                if (matched == null) {
                    matched = new ArrayList<>(4);
                }
                matched.add(rule);
            }
        }
        return matched == null ? List.of() : Collections.unmodifiableList(matched);
    }

    /** {@link #matching} for a message's headers. */
    public List<Rule> matchingHeaders(Map<String, ?> headers) {
        return matching(EventAttributes.fromHeaders(headers));
    }

    public RuleSet ruleSet() {
        return ruleSet;
    }

    /**
     * Rules the index cannot narrow down (their patterns only use anything-but, numeric,
     * exists: false ...): evaluated for every event. Worth logging when a rule set is loaded,
     * since each of them costs time on every event.
     */
    public List<Rule> unindexedRules() {
        List<Rule> unindexed = new ArrayList<>();
        for (int rule : index.unindexed()) {
            unindexed.add(rules[rule]);
        }
        return List.copyOf(unindexed);
    }

    /** The rules the index hands to evaluation for this event, matching or not; for tests. */
    List<Rule> candidates(Map<String, String> attributes) {
        CandidateBuffer candidates = candidateNumbers(attributes);
        List<Rule> found = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            found.add(rules[candidates.get(i)]);
        }
        return found;
    }

    private CandidateBuffer candidateNumbers(Map<String, String> attributes) {
        CandidateBuffer candidates = new CandidateBuffer();
        index.candidates(attributes, candidates);
        candidates.sortDistinct();
        return candidates;
    }
}
