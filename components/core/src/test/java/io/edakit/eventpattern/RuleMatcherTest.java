package io.edakit.eventpattern;

import static io.edakit.eventpattern.PatternConformanceTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** What the index promises beyond correct answers: only candidates are evaluated, in declaration order. */
class RuleMatcherTest {

    @Test
    void anEventEvaluatesOnlyTheRulesItsAttributesLeadTo() {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rules.add(rule("type-" + i, "{type: [event.type." + i + "]}"));
        }
        for (int i = 0; i < 100; i++) {
            rules.add(rule("prefix-" + i, "{type: [{prefix: \"ns" + i + ".\"}]}"));
            rules.add(rule("suffix-" + i, "{subject: [{suffix: \"-" + i + "\"}]}"));
            rules.add(rule("wildcard-" + i, "{type: [{wildcard: \"w" + i + ".*.created\"}]}"));
        }
        rules.add(rule("numeric-only", "{amount: [{numeric: [\">\", 100]}]}"));
        RuleMatcher matcher = compile(rules);

        assertThat(names(matcher.candidates(event("type", "event.type.500")))).containsExactly("type-500", "numeric-only");
        assertThat(names(matcher.candidates(event("type", "ns7.order", "subject", "order-42"))))
                .containsExactly("prefix-7", "suffix-42", "numeric-only");
        assertThat(names(matcher.candidates(event("type", "w3.eu.created"))))
                .containsExactly("wildcard-3", "numeric-only");
        assertThat(names(matcher.candidates(event("type", "unknown")))).containsExactly("numeric-only");
    }

    @Test
    void rulesSharingAValueAreFiledUnderTheirRarerAttribute() {
        // every rule names the same type; filed under type, an order event would evaluate all of them
        List<Rule> rules = IntStream.range(0, 1_000)
                .mapToObj(i -> rule("tenant-" + i, "{type: [order.created], tenant: [t" + i + "]}"))
                .toList();
        RuleMatcher matcher = compile(rules);

        assertThat(names(matcher.candidates(event("type", "order.created", "tenant", "t7")))).containsExactly("tenant-7");
        assertThat(names(matcher.matching(event("type", "order.created", "tenant", "t7")))).containsExactly("tenant-7");
        assertThat(matcher.matching(event("type", "order.paid", "tenant", "t7"))).isEmpty();
    }

    @Test
    void onlyRulesWithoutAnyIndexableAttributeAreEvaluatedForEveryEvent() {
        RuleMatcher matcher = compile(List.of(
                rule("numeric-only", "{amount: [{numeric: [\">\", 100]}]}"),
                rule("numeric-and-type", "{type: [order.created], amount: [{numeric: [\">\", 100]}]}"),
                rule("anything-but", "{state: [{anything-but: [stopped]}]}"),
                rule("exists-false", "{tenant: [{exists: false}]}"),
                rule("mixed-alternatives", "{type: [order.created, {anything-but: {prefix: order.}}]}"),
                rule("or-all-indexed", "{$or: [{type: [a]}, {kind: [{prefix: b}]}]}"),
                rule("or-one-unindexed", "{$or: [{type: [a]}, {amount: [{numeric: [\"<\", 0]}]}]}"),
                rule("or-unindexed-but-attribute", "{source: [s], $or: [{type: [a]}, {amount: [{numeric: [\"<\", 0]}]}]}"),
                rule("exists-true", "{tenant: [{exists: true}]}")));

        assertThat(names(matcher.unindexedRules()))
                .containsExactly("numeric-only", "anything-but", "exists-false", "mixed-alternatives", "or-one-unindexed");
    }

    @Test
    void matchingRulesComeInDeclarationOrder() {
        RuleMatcher matcher = compile(List.of(
                rule("third-by-key", "{type: [{prefix: order}]}"),
                rule("unindexed", "{kind: [{anything-but: digital}]}"),
                rule("exact", "{type: [order.created]}"),
                rule("no-match", "{type: [order.paid]}"),
                rule("everything", "{id: [{exists: true}]}"),
                rule("ignore-case", "{type: [{equals-ignore-case: ORDER.CREATED}]}")));

        List<Rule> matched = matcher.matching(event("id", "1", "type", "order.created", "kind", "physical"));

        assertThat(names(matched)).containsExactly("third-by-key", "unindexed", "exact", "everything", "ignore-case");
    }

    @Test
    void headersAreReadThroughTheEnvelopeNames() {
        RuleMatcher matcher = compile(List.of(rule("physical-orders", "{type: [order.created], kind: [physical]}")));

        List<Rule> matched = matcher.matchingHeaders(Map.of("ce_type", "order.created", "Kind", "physical", "ce_id", "1"));

        assertThat(names(matched)).containsExactly("physical-orders");
    }

    @Test
    void oneCompiledMatcherServesManyThreads() {
        List<Rule> rules = IntStream.range(0, 200)
                .mapToObj(i -> rule("r" + i, "{type: [{prefix: \"t" + (i % 20) + "\"}], kind: [k" + (i % 7) + "]}"))
                .toList();
        RuleMatcher matcher = compile(rules);
        List<Map<String, String>> events = IntStream.range(0, 2_000)
                .mapToObj(i -> event("type", "t" + (i % 23) + ".x", "kind", "k" + (i % 9)))
                .toList();
        List<List<Rule>> sequential = events.stream().map(matcher::matching).toList();

        List<List<Rule>> parallel = events.parallelStream().map(matcher::matching).toList();

        assertThat(parallel).isEqualTo(sequential);
        assertThat(sequential).anySatisfy(matched -> assertThat(matched).isNotEmpty());
    }

    private static Rule rule(String name, String pattern) {
        return new Rule(name, PatternParser.parseYaml(pattern, name), List.of("channel:" + name));
    }

    private static RuleMatcher compile(List<Rule> rules) {
        return RuleMatcher.compile(new RuleSet("test", rules, UnmatchedPolicy.drop()));
    }

    private static List<String> names(List<Rule> rules) {
        return rules.stream().map(Rule::name).toList();
    }
}
