package io.edakit.eventpattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pattern language, one row per operator and edge case, checked both by plain evaluation and
 * through the compiled matcher's index; the parse errors a user can make; and a seeded random
 * comparison of the indexed matcher with rule-by-rule evaluation.
 */
class PatternConformanceTest {

    // ---------------------------------------------------------------- conformance table

    static Stream<Arguments> table() {
        return Stream.of(
                // exact values
                row("exact: equal", "{type: [order.created]}", event("type", "order.created"), true),
                row("exact: case differs", "{type: [order.created]}", event("type", "Order.Created"), false),
                row("exact: attribute missing", "{type: [order.created]}", event("kind", "physical"), false),
                row("exact: any of a list", "{type: [order.created, order.paid]}", event("type", "order.paid"), true),
                row("exact: empty string matches empty value", "{subject: [\"\"]}", event("subject", ""), true),
                row("exact: empty string needs the attribute", "{subject: [\"\"]}", event(), false),
                row("exact: non-empty does not match empty", "{subject: [a]}", event("subject", ""), false),
                row("exact: boolean is its text", "{flag: [true]}", event("flag", "true"), true),
                row("exact: boolean text is case-sensitive", "{flag: [true]}", event("flag", "True"), false),
                row("exact: number matches equal number", "{amount: [5]}", event("amount", "5.0"), true),
                row("exact: number matches other spelling", "{amount: [5]}", event("amount", "5e0"), true),
                row("exact: number vs non-number", "{amount: [5]}", event("amount", "five"), false),
                row("exact: quoted number is text", "{amount: [\"5\"]}", event("amount", "5.0"), false),
                // multiple attributes
                row("all attributes: both match", "{type: [order.created], kind: [physical]}",
                        event("type", "order.created", "kind", "physical"), true),
                row("all attributes: one differs", "{type: [order.created], kind: [physical]}",
                        event("type", "order.created", "kind", "digital"), false),
                row("all attributes: one missing", "{type: [order.created], kind: [physical]}",
                        event("type", "order.created"), false),
                row("attribute names ignore case", "{Kind: [physical]}", event("kind", "physical"), true),
                // prefix
                row("prefix: matches", "{type: [{prefix: order.}]}", event("type", "order.created"), true),
                row("prefix: whole value", "{type: [{prefix: order}]}", event("type", "order"), true),
                row("prefix: longer than value", "{type: [{prefix: order.created.v2}]}", event("type", "order.created"), false),
                row("prefix: case-sensitive", "{type: [{prefix: order.}]}", event("type", "ORDER.created"), false),
                row("prefix: empty prefix, empty value", "{type: [{prefix: \"\"}]}", event("type", ""), true),
                row("prefix: missing attribute", "{type: [{prefix: \"\"}]}", event(), false),
                row("prefix: ignore case", "{type: [{prefix: {equals-ignore-case: ORDER.}}]}", event("type", "Order.created"), true),
                // suffix
                row("suffix: matches", "{subject: [{suffix: .png}]}", event("subject", "photo.png"), true),
                row("suffix: case-sensitive", "{subject: [{suffix: .png}]}", event("subject", "photo.PNG"), false),
                row("suffix: ignore case", "{subject: [{suffix: {equals-ignore-case: .png}}]}", event("subject", "photo.PNG"), true),
                row("suffix: longer than value", "{subject: [{suffix: x.png}]}", event("subject", ".png"), false),
                // equals-ignore-case
                row("equals-ignore-case: ASCII", "{type: [{equals-ignore-case: ORDER.Created}]}", event("type", "order.created"), true),
                row("equals-ignore-case: accented", "{city: [{equals-ignore-case: ÉTÉ}]}", event("city", "été"), true),
                row("equals-ignore-case: different text", "{type: [{equals-ignore-case: order}]}", event("type", "orders"), false),
                row("equals-ignore-case: missing", "{type: [{equals-ignore-case: order}]}", event(), false),
                // anything-but
                row("anything-but: other value", "{state: [{anything-but: initializing}]}", event("state", "running"), true),
                row("anything-but: the excluded value", "{state: [{anything-but: initializing}]}", event("state", "initializing"), false),
                row("anything-but: missing attribute never matches", "{state: [{anything-but: initializing}]}", event(), false),
                row("anything-but: empty value is something else", "{state: [{anything-but: initializing}]}", event("state", ""), true),
                row("anything-but: case-sensitive", "{state: [{anything-but: initializing}]}", event("state", "INITIALIZING"), true),
                row("anything-but: list", "{state: [{anything-but: [stopped, failed]}]}", event("state", "failed"), false),
                row("anything-but: numbers, equal number", "{code: [{anything-but: [100, 200]}]}", event("code", "100.0"), false),
                row("anything-but: numbers, other number", "{code: [{anything-but: [100, 200]}]}", event("code", "150"), true),
                row("anything-but: numbers, not a number", "{code: [{anything-but: [100, 200]}]}", event("code", "abc"), true),
                row("anything-but prefix: excluded", "{region: [{anything-but: {prefix: us-}}]}", event("region", "us-east-1"), false),
                row("anything-but prefix: other", "{region: [{anything-but: {prefix: us-}}]}", event("region", "eu-west-1"), true),
                row("anything-but prefix: case-sensitive", "{region: [{anything-but: {prefix: us-}}]}", event("region", "US-east-1"), true),
                row("anything-but prefix: missing", "{region: [{anything-but: {prefix: us-}}]}", event(), false),
                row("anything-but prefix: value equals prefix", "{region: [{anything-but: {prefix: us-}}]}", event("region", "us-"), false),
                row("anything-but suffix", "{file: [{anything-but: {suffix: .png}}]}", event("file", "a.jpg"), true),
                row("anything-but equals-ignore-case", "{state: [{anything-but: {equals-ignore-case: [Stopped, FAILED]}}]}",
                        event("state", "failed"), false),
                row("anything-but wildcard", "{path: [{anything-but: {wildcard: \"*/lib/*\"}}]}", event("path", "/usr/lib/x"), false),
                row("anything-but wildcard: other", "{path: [{anything-but: {wildcard: \"*/lib/*\"}}]}", event("path", "/usr/bin/x"), true),
                // numeric
                row("numeric: lower bound exclusive", "{n: [{numeric: [\">\", 0, \"<=\", 5]}]}", event("n", "0"), false),
                row("numeric: just above lower", "{n: [{numeric: [\">\", 0, \"<=\", 5]}]}", event("n", "0.000001"), true),
                row("numeric: upper bound inclusive", "{n: [{numeric: [\">\", 0, \"<=\", 5]}]}", event("n", "5"), true),
                row("numeric: upper bound, other spelling", "{n: [{numeric: [\">\", 0, \"<=\", 5]}]}", event("n", "5.000"), true),
                row("numeric: just above upper", "{n: [{numeric: [\">\", 0, \"<=\", 5]}]}", event("n", "5.0000001"), false),
                row("numeric: exponent", "{n: [{numeric: [\">\", 0, \"<=\", 5]}]}", event("n", "4e0"), true),
                row("numeric: negative", "{n: [{numeric: [\"<\", -10]}]}", event("n", "-10.5"), true),
                row("numeric: negative bound exclusive", "{n: [{numeric: [\"<\", -10]}]}", event("n", "-10"), false),
                row("numeric: equals", "{n: [{numeric: [\"=\", 3.018e2]}]}", event("n", "301.8"), true),
                row("numeric: minus zero equals zero", "{n: [{numeric: [\"=\", 0]}]}", event("n", "-0"), true),
                row("numeric: huge number", "{n: [{numeric: [\">\", 1000000000]}]}", event("n", "1e400"), true),
                row("numeric: bounds in either order", "{n: [{numeric: [\"<\", 10, \">=\", 1]}]}", event("n", "1"), true),
                // numbers are read exactly as written, in the pattern and in the event
                row("number: tiny exponent is not zero", "{n: [1E-325]}", event("n", "1e-325"), true),
                row("number: tiny exponent does not equal zero", "{n: [1E-325]}", event("n", "0"), false),
                row("number: beyond double precision matches its spelling", "{n: [0.10000000000000000001]}",
                        event("n", "0.10000000000000000001"), true),
                row("number: beyond double precision is not 0.1", "{n: [0.10000000000000000001]}", event("n", "0.1"), false),
                row("numeric: bound beyond double range", "{n: [{numeric: [\"<\", 2.0e422]}]}", event("n", "1e400"), true),
                row("numeric: above a bound beyond double range", "{n: [{numeric: [\"<\", 2.0e422]}]}", event("n", "3e422"), false),
                row("numeric: tiny positive bound", "{n: [{numeric: [\">\", 0, \"<\", 1E-325]}]}", event("n", "1e-326"), true),
                row("number: JSON spelling", "{\"n\": [1E-325]}", event("n", "0.1e-324"), true),
                row("numeric: not a number", "{n: [{numeric: [\">\", 0]}]}", event("n", "abc"), false),
                row("numeric: empty value", "{n: [{numeric: [\">\", 0]}]}", event("n", ""), false),
                row("numeric: spaces around", "{n: [{numeric: [\">\", 0]}]}", event("n", " 3"), false),
                row("numeric: hex", "{n: [{numeric: [\">\", 0]}]}", event("n", "0x10"), false),
                row("numeric: NaN", "{n: [{numeric: [\">\", 0]}]}", event("n", "NaN"), false),
                row("numeric: Infinity", "{n: [{numeric: [\">\", 0]}]}", event("n", "Infinity"), false),
                row("numeric: missing", "{n: [{numeric: [\"<\", 0]}]}", event(), false),
                // exists
                row("exists true: present", "{tenant: [{exists: true}]}", event("tenant", "acme"), true),
                row("exists true: empty value is present", "{tenant: [{exists: true}]}", event("tenant", ""), true),
                row("exists true: missing", "{tenant: [{exists: true}]}", event("type", "x"), false),
                row("exists false: missing", "{tenant: [{exists: false}]}", event("type", "x"), true),
                row("exists false: empty value is present", "{tenant: [{exists: false}]}", event("tenant", ""), false),
                row("exists false or value: missing", "{tenant: [{exists: false}, acme]}", event(), true),
                row("exists false or value: the value", "{tenant: [{exists: false}, acme]}", event("tenant", "acme"), true),
                row("exists false or value: other value", "{tenant: [{exists: false}, acme]}", event("tenant", "other"), false),
                // wildcard
                row("wildcard: middle", "{type: [{wildcard: \"order.*.created\"}]}", event("type", "order.eu.created"), true),
                row("wildcard: empty run", "{type: [{wildcard: \"order.*.created\"}]}", event("type", "order..created"), true),
                row("wildcard: pieces cannot overlap", "{type: [{wildcard: \"order.*.created\"}]}", event("type", "order.created"), false),
                row("wildcard: star alone, empty value", "{type: [{wildcard: \"*\"}]}", event("type", ""), true),
                row("wildcard: star alone, missing", "{type: [{wildcard: \"*\"}]}", event(), false),
                row("wildcard: several stars", "{type: [{wildcard: \"a*b*c\"}]}", event("type", "aXbYc"), true),
                row("wildcard: order of pieces", "{type: [{wildcard: \"a*b*c\"}]}", event("type", "acb"), false),
                row("wildcard: repeated piece", "{type: [{wildcard: \"*ab*ab\"}]}", event("type", "xabab"), true),
                row("wildcard: leading star", "{file: [{wildcard: \"*.png\"}]}", event("file", "a.png"), true),
                row("wildcard: escaped star", "{file: [{wildcard: 'file\\*name'}]}", event("file", "file*name"), true),
                row("wildcard: escaped star is literal", "{file: [{wildcard: 'file\\*name'}]}", event("file", "fileXname"), false),
                row("wildcard: escaped backslash", "{file: [{wildcard: 'a\\\\*'}]}", event("file", "a\\bc"), true),
                row("wildcard: no star is exact", "{file: [{wildcard: abc}]}", event("file", "abcd"), false),
                // $or
                row("$or: first branch", "{$or: [{type: [a]}, {kind: [b]}]}", event("type", "a"), true),
                row("$or: second branch", "{$or: [{type: [a]}, {kind: [b]}]}", event("kind", "b"), true),
                row("$or: no branch", "{$or: [{type: [a]}, {kind: [b]}]}", event("type", "b", "kind", "a"), false),
                row("$or with attribute: attribute differs", "{source: [s], $or: [{type: [a]}, {kind: [b]}]}",
                        event("source", "t", "type", "a"), false),
                row("$or with attribute: both", "{source: [s], $or: [{type: [a]}, {kind: [b]}]}",
                        event("source", "s", "kind", "b"), true),
                row("nested $or: inner branch", "{$or: [{type: [a]}, {kind: [b], $or: [{tenant: [t1]}, {tenant: [t2]}]}]}",
                        event("kind", "b", "tenant", "t2"), true),
                row("nested $or: inner branches fail", "{$or: [{type: [a]}, {kind: [b], $or: [{tenant: [t1]}, {tenant: [t2]}]}]}",
                        event("kind", "b", "tenant", "t3"), false),
                row("$or: branch with exists false", "{$or: [{type: [a]}, {tenant: [{exists: false}]}]}",
                        event("type", "z"), true),
                row("JSON pattern as EventBridge writes it", "{\"type\": [\"order.created\"], \"n\": [{\"numeric\": [\">=\", 10]}]}",
                        event("type", "order.created", "n", "10"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void patternMatchesAsSpecified(String description, String pattern, Map<String, String> event, boolean expected) {
        EventPattern parsed = PatternParser.parseYaml(pattern, "table");
        assertThat(parsed.matches(event)).as("plain evaluation").isEqualTo(expected);

        // the same rule among others the event does not match, through the index
        Rule rule = new Rule("under-test", parsed, List.of("channel:out"));
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule("other-type", PatternParser.parseYaml("{type: [no.such.type]}", "noise"), List.of("channel:x")));
        rules.add(rule);
        rules.add(new Rule("other-kind", PatternParser.parseYaml("{kind: [{prefix: zz}]}", "noise"), List.of("channel:y")));
        RuleMatcher matcher = RuleMatcher.compile(new RuleSet("table", rules, UnmatchedPolicy.drop()));
        assertThat(matcher.matching(event).contains(rule)).as("indexed matcher").isEqualTo(expected);
    }

    // ---------------------------------------------------------------- parse errors

    static Stream<Arguments> malformedPatterns() {
        return Stream.of(
                error("{type: [{prefx: order.}]}", "pattern.type[0]", "unknown operator 'prefx'"),
                error("{type: order.created}", "pattern.type", "must be a list of conditions"),
                error("{detail: {state: [x]}}", "pattern.detail", "must be a list of conditions"),
                error("{type: []}", "pattern.type", "empty list"),
                error("{}", "pattern", "is empty"),
                error("[type]", "pattern", "must be a map"),
                error("{type: [{prefix: a, suffix: b}]}", "pattern.type[0]", "exactly one operator"),
                error("{type: [{prefix: 5}]}", "pattern.type[0].prefix", "must be a string"),
                error("{type: [{prefix: {equals-ignore-case: [a]}}]}", "pattern.type[0].prefix.equals-ignore-case", "must be a string"),
                error("{type: [null]}", "pattern.type[0]", "null"),
                error("{type: [[a]]}", "pattern.type[0]", "is not a condition"),
                error("{n: [{numeric: [\">>\", 1]}]}", "pattern.n[0].numeric[0]", "is not a comparison"),
                error("{n: [{numeric: [\">\", \"1\"]}]}", "pattern.n[0].numeric[1]", "without quotes"),
                error("{n: [{numeric: [\">\", 5, \"<\", 1]}]}", "pattern.n[0].numeric", "no number is"),
                error("{n: [{numeric: [\">\", 5, \"<\", 5]}]}", "pattern.n[0].numeric", "no number is"),
                error("{n: [{numeric: [\">\", 1, \">=\", 2]}]}", "pattern.n[0].numeric[2]", "second lower bound"),
                error("{n: [{numeric: [\"=\", 1, \"<\", 2]}]}", "pattern.n[0].numeric[0]", "cannot be combined"),
                error("{n: [{numeric: [\">\", 1, \"<\"]}]}", "pattern.n[0].numeric", "one or two comparisons"),
                error("{n: [{numeric: [\">\", .inf]}]}", "pattern.n[0].numeric[1]", "finite"),
                error("{n: [{exists: \"yes\"}]}", "pattern.n[0].exists", "true or false"),
                error("{ce_type: [x]}", "pattern.ce_type", "write 'type'"),
                error("{ce-tenant: [x]}", "pattern.ce-tenant", "write 'tenant'"),
                error("{$and: [{type: [a]}, {kind: [b]}]}", "pattern.$and", "unknown keyword '$and'"),
                error("{$or: [{type: [a]}]}", "pattern.$or", "at least two patterns"),
                error("{$or: {type: [a]}}", "pattern.$or", "at least two patterns"),
                error("{$or: [{type: [a]}, {kind: [{prefx: b}]}]}", "pattern.$or[1].kind[0]", "unknown operator 'prefx'"),
                error("{$or: [{type: [a]}, {$or: [{kind: [b]}, {}]}]}", "pattern.$or[1].$or[1]", "is empty"),
                error("{type: [{wildcard: \"a**b\"}]}", "pattern.type[0].wildcard", "consecutive '**'"),
                error("{type: [{wildcard: 'a\\b'}]}", "pattern.type[0].wildcard", "backslash"),
                error("{type: [{anything-but: [a, 1]}]}", "pattern.type[0].anything-but[1]", "only strings or only numbers"),
                error("{type: [{anything-but: []}]}", "pattern.type[0].anything-but", "empty list"),
                error("{type: [{anything-but: {numeric: [\">\", 1]}}]}", "pattern.type[0].anything-but", "cannot be used inside anything-but"),
                error("{type: [{anything-but: {prefix: \"\"}}]}", "pattern.type[0].anything-but.prefix", "no value could match"),
                error("{type: [{anything-but: {suffix: \"\"}}]}", "pattern.type[0].anything-but.suffix", "no value could match"),
                error("{type: [{anything-but: {wildcard: \"*\"}}]}", "pattern.type[0].anything-but.wildcard", "no value could match"),
                error("{type: [{anything-but: {wildcard: [a, \"*\"]}}]}", "pattern.type[0].anything-but.wildcard[1]", "no value could match"),
                error("{type: [{anything-but: {suffix: [a]}}]}", "pattern.type[0].anything-but.suffix", "must be a string"),
                error("{type: [{anything-but: {prefix: [a]}}]}", "pattern.type[0].anything-but.prefix", "must be a string"),
                error("{type: [{anything-but: {wildcard: [a, \"b**\"]}}]}", "pattern.type[0].anything-but.wildcard[1]", "consecutive"),
                error("{type: [a], Type: [b]}", "pattern.Type", "a second time"),
                error("{type: [{cidr: 10.0.0.0/24}]}", "pattern.type[0]", "unknown operator 'cidr'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPatterns")
    void malformedPatternIsRejectedNamingFileRuleAndPart(String pattern, String part, String problem) {
        String yaml = "rules:\n  - name: physical-orders\n    pattern: " + pattern + "\n    targets: [channel:a]\nunmatched: drop\n";
        assertThatThrownBy(() -> RuleSet.parse(yaml, "rules.yaml"))
                .isInstanceOf(RuleSetException.class)
                .hasMessageStartingWith("rules.yaml: rule 'physical-orders': " + part + ":")
                .hasMessageContaining(problem);
    }

    static Stream<Arguments> malformedRuleSets() {
        String rule = "  - name: r1\n    pattern: {type: [a]}\n    targets: [channel:a]\n";
        return Stream.of(
                Arguments.of("duplicate rule names", "rules:\n" + rule + rule + "unmatched: drop\n",
                        "rules.yaml: rule 'r1' is declared twice (rules[0] and rules[1])"),
                Arguments.of("missing targets", "rules:\n  - name: r1\n    pattern: {type: [a]}\nunmatched: drop\n",
                        "rules.yaml: rule 'r1': targets: missing"),
                Arguments.of("empty targets", "rules:\n  - name: r1\n    pattern: {type: [a]}\n    targets: []\nunmatched: drop\n",
                        "rules.yaml: rule 'r1': has no targets"),
                Arguments.of("target twice", "rules:\n  - name: r1\n    pattern: {type: [a]}\n    targets: [c, c]\nunmatched: drop\n",
                        "rules.yaml: rule 'r1': targets: 'c' is listed twice"),
                Arguments.of("target not a string", "rules:\n  - name: r1\n    pattern: {type: [a]}\n    targets: [{uri: x}]\nunmatched: drop\n",
                        "rules.yaml: rule 'r1': targets[0]: must be a channel name"),
                Arguments.of("unknown rule key", "rules:\n  - name: r1\n    pattern: {type: [a]}\n    target: [channel:a]\nunmatched: drop\n",
                        "rules.yaml: rule 'r1': unknown key 'target'; expected name, pattern, targets"),
                Arguments.of("missing pattern", "rules:\n  - name: r1\n    targets: [channel:a]\nunmatched: drop\n",
                        "rules.yaml: rule 'r1': has no pattern"),
                Arguments.of("missing name", "rules:\n  - pattern: {type: [a]}\n    targets: [channel:a]\nunmatched: drop\n",
                        "rules.yaml: rules[0]: needs a name"),
                Arguments.of("rule not a map", "rules:\n  - r1\nunmatched: drop\n", "rules.yaml: rules[0]: must be a map"),
                Arguments.of("unknown document key", "rule:\n" + rule + "unmatched: drop\n", "rules.yaml: unknown key 'rule'"),
                Arguments.of("rules missing", "unmatched: drop\n", "rules.yaml: 'rules' is missing"),
                Arguments.of("rules not a list", "rules: {name: r1}\nunmatched: drop\n", "rules.yaml: rules: must be a list"),
                Arguments.of("unmatched missing", "rules:\n" + rule, "rules.yaml: unmatched: missing; say what happens"),
                Arguments.of("unmatched unknown", "rules:\n" + rule + "unmatched: keep\n", "rules.yaml: unmatched: is the string 'keep'"),
                Arguments.of("unmatched target empty", "rules:\n" + rule + "unmatched: {target: \"\"}\n", "rules.yaml: unmatched:"),
                Arguments.of("document not a map", "- a\n", "rules.yaml: must be a map"),
                Arguments.of("empty document", "", "rules.yaml: must be a map"),
                Arguments.of("YAML syntax", "rules: [\n", "rules.yaml: not valid YAML"),
                Arguments.of("duplicate key in a pattern", "rules:\n  - name: r1\n    pattern: {type: [a], type: [b]}\n"
                        + "    targets: [channel:a]\nunmatched: drop\n", "rules.yaml: not valid YAML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRuleSets")
    void malformedRuleSetIsRejectedNamingFileAndRule(String description, String yaml, String message) {
        assertThatThrownBy(() -> RuleSet.parse(yaml, "rules.yaml"))
                .isInstanceOf(RuleSetException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void duplicateYamlKeyNamesItsLine() {
        String yaml = "rules:\n  - name: r1\n    pattern: {type: [a], type: [b]}\n    targets: [channel:a]\nunmatched: drop\n";
        assertThatThrownBy(() -> RuleSet.parse(yaml, "rules.yaml"))
                .hasMessageContaining("type")
                .hasMessageContaining("line 3");
    }

    // ---------------------------------------------------------------- index versus plain evaluation

    @Test
    void indexedMatcherAgreesWithEvaluatingEveryRule() {
        Random random = new Random(20240611L);
        RandomPatterns patterns = new RandomPatterns(random);
        int events = 0;
        int matches = 0;
        int rulesSeen = 0;
        int unindexed = 0;
        for (int set = 0; set < 250; set++) {
            List<Rule> rules = new ArrayList<>();
            int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                Object raw = patterns.pattern(0);
                EventPattern pattern = PatternParser.parse(raw, "set " + set + " rule " + i);
                rules.add(new Rule("r" + i, pattern, List.of("channel:r" + i)));
            }
            RuleMatcher matcher = RuleMatcher.compile(new RuleSet("random", rules, UnmatchedPolicy.drop()));
            rulesSeen += rules.size();
            unindexed += matcher.unindexedRules().size();
            for (int e = 0; e < 20; e++) {
                Map<String, String> event = patterns.event();
                List<Rule> expected = rules.stream().filter(rule -> rule.matches(event)).toList();
                assertThat(matcher.matching(event))
                        .as("rule set %d (%s), event %s", set, rules, event)
                        .containsExactlyElementsOf(expected);
                events++;
                matches += expected.size();
            }
        }
        assertThat(events).isEqualTo(5_000);
        // the comparison means something only if events do match and most rules go through the index
        assertThat(matches).as("rule matches").isGreaterThan(events);
        assertThat(unindexed).as("unindexed rules of %d", rulesSeen).isBetween(1, rulesSeen / 2);
    }

    /** Random patterns (as the structures YAML gives) and events over a small vocabulary, so they meet often. */
    private static final class RandomPatterns {

        private static final List<String> ATTRIBUTES = List.of("type", "source", "kind", "tenant", "amount");
        private static final List<String> VALUES = List.of(
                "", "a", "ab", "abc", "b", "ba", "A", "AB", "aB", "x*y", "true", "1", "1.0", "-2", "10", "2.5", "é", "É", "a.png");
        private static final List<Object> NUMBERS = List.of(-2, 0, 1, 10, 2.5, 1.0);
        private static final List<String> WILDCARD_TOKENS = List.of("a", "b", "x", "*", "*", "\\*", ".png");
        private static final List<String> COMPARISONS = List.of("=", "<", "<=", ">", ">=");

        private final Random random;

        RandomPatterns(Random random) {
            this.random = random;
        }

        Object pattern(int depth) {
            Map<String, Object> pattern = new LinkedHashMap<>();
            int attributes = random.nextInt(depth == 0 ? 3 : 2) + 1;
            List<String> names = new ArrayList<>(ATTRIBUTES);
            for (int i = 0; i < attributes; i++) {
                pattern.put(names.remove(random.nextInt(names.size())), conditions());
            }
            if (depth < 2 && random.nextInt(4) == 0) {
                if (random.nextBoolean()) {
                    pattern.clear(); // a pattern that is only an $or
                }
                List<Object> branches = new ArrayList<>();
                for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
                    branches.add(pattern(depth + 1));
                }
                pattern.put("$or", branches);
            }
            return pattern;
        }

        private List<Object> conditions() {
            List<Object> conditions = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                conditions.add(condition());
            }
            return conditions;
        }

        private Object condition() {
            switch (random.nextInt(12)) {
                case 0, 1, 2:
                    return value();
                case 3:
                    return NUMBERS.get(random.nextInt(NUMBERS.size()));
                case 4:
                    return Map.of("prefix", random.nextBoolean() ? value() : Map.of("equals-ignore-case", value()));
                case 5:
                    return Map.of("suffix", random.nextBoolean() ? value() : Map.of("equals-ignore-case", value()));
                case 6:
                    return Map.of("equals-ignore-case", value());
                case 7:
                    return Map.of("anything-but", anythingBut());
                case 8:
                    return Map.of("numeric", numeric());
                case 9:
                    return Map.of("exists", random.nextBoolean());
                default:
                    return Map.of("wildcard", wildcard());
            }
        }

        private Object anythingBut() {
            switch (random.nextInt(7)) {
                case 0:
                    return value();
                case 1:
                    return List.of(value(), value());
                case 2:
                    return List.of(NUMBERS.get(random.nextInt(NUMBERS.size())), NUMBERS.get(random.nextInt(NUMBERS.size())));
                case 3:
                    return Map.of("prefix", nonEmptyValue());
                case 4:
                    return Map.of("suffix", nonEmptyValue());
                case 5:
                    return Map.of("equals-ignore-case", random.nextBoolean() ? value() : List.of(value(), value()));
                default:
                    String wildcard = wildcard();
                    // "*" under anything-but excludes every value and is refused, like an empty prefix
                    return Map.of("wildcard", wildcard.equals("*") ? "a*" : wildcard);
            }
        }

        private List<Object> numeric() {
            int low = random.nextInt(6) - 2;
            if (random.nextBoolean()) {
                String comparison = COMPARISONS.get(random.nextInt(COMPARISONS.size()));
                return List.of(comparison, low);
            }
            int high = low + 1 + random.nextInt(10);
            return List.of(random.nextBoolean() ? ">" : ">=", low, random.nextBoolean() ? "<" : "<=", high);
        }

        private String wildcard() {
            StringBuilder pattern = new StringBuilder();
            for (int i = 0, n = random.nextInt(5); i < n; i++) {
                String token = WILDCARD_TOKENS.get(random.nextInt(WILDCARD_TOKENS.size()));
                if (token.equals("*") && pattern.length() > 0 && pattern.charAt(pattern.length() - 1) == '*'
                        && !pattern.toString().endsWith("\\*")) {
                    continue;
                }
                pattern.append(token);
            }
            return pattern.toString();
        }

        private String nonEmptyValue() {
            String value = value();
            return value.isEmpty() ? "a" : value;
        }

        private String value() {
            return VALUES.get(random.nextInt(VALUES.size()));
        }

        Map<String, String> event() {
            Map<String, String> event = new HashMap<>();
            for (String attribute : ATTRIBUTES) {
                if (random.nextInt(4) != 0) {
                    String value = value();
                    event.put(attribute, random.nextInt(5) == 0 ? value + value() : value);
                }
            }
            return event;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Arguments row(String description, String pattern, Map<String, String> event, boolean expected) {
        return Arguments.of(description, pattern, event, expected);
    }

    private static Arguments error(String pattern, String part, String problem) {
        return Arguments.of(pattern, part, problem);
    }

    static Map<String, String> event(String... namesAndValues) {
        Map<String, String> event = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            event.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return event;
    }
}
