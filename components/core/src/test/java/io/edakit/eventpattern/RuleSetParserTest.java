package io.edakit.eventpattern;

import static io.edakit.eventpattern.PatternConformanceTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetParserTest {

    private static final String EXAMPLE = """
            rules:
              - name: physical-orders
                pattern: { type: [order.created], kind: [physical] }
                targets: [channel:warehouse, channel:audit]
              - name: big-eu-orders
                pattern:
                  type: [{ prefix: order. }]
                  source: [{ wildcard: "/shop/eu/*" }]
                  amount: [{ numeric: [">=", 1000] }]
                targets: ["kafka:big-orders?brokers=localhost:9092"]
            unmatched: { target: channel:unrouted }
            """;

    @Test
    void readsRulesInOrderWithTheirTargetsAndTheUnmatchedPolicy() {
        RuleSet ruleSet = RuleSet.parse(EXAMPLE, "bus.yaml");

        assertThat(ruleSet.source()).isEqualTo("bus.yaml");
        assertThat(ruleSet.rules()).extracting(Rule::name).containsExactly("physical-orders", "big-eu-orders");
        assertThat(ruleSet.rules().get(0).targets()).containsExactly("channel:warehouse", "channel:audit");
        assertThat(ruleSet.rules().get(1).targets()).containsExactly("kafka:big-orders?brokers=localhost:9092");
        assertThat(ruleSet.unmatched()).isEqualTo(UnmatchedPolicy.sendTo("channel:unrouted"));

        RuleMatcher matcher = RuleMatcher.compile(ruleSet);
        assertThat(matcher.matching(event("type", "order.created", "kind", "physical", "source", "/shop/eu/de", "amount", "1200")))
                .extracting(Rule::name).containsExactly("physical-orders", "big-eu-orders");
    }

    @Test
    void dropIsAWrittenDecision() {
        RuleSet ruleSet = RuleSet.parse("rules: []\nunmatched: drop\n", "empty.yaml");

        assertThat(ruleSet.rules()).isEmpty();
        assertThat(ruleSet.unmatched()).isEqualTo(UnmatchedPolicy.drop());
        assertThat(RuleMatcher.compile(ruleSet).matching(event("type", "x"))).isEmpty();
    }

    @Test
    void loadsAFileAndNamesItInErrors(@TempDir Path directory) throws IOException {
        Path good = Files.writeString(directory.resolve("bus.yaml"), EXAMPLE);
        Path bad = Files.writeString(directory.resolve("bad.yaml"), EXAMPLE.replace("[order.created]", "[{prefx: order.}]"));

        assertThat(RuleSet.load(good).rules()).hasSize(2);
        assertThatThrownBy(() -> RuleSet.load(bad))
                .isInstanceOf(RuleSetException.class)
                .hasMessageStartingWith(bad + ": rule 'physical-orders': pattern.type[0]: unknown operator 'prefx'");
        assertThatThrownBy(() -> RuleSet.load(directory.resolve("missing.yaml")))
                .isInstanceOf(RuleSetException.class)
                .hasMessageStartingWith(directory.resolve("missing.yaml") + ": cannot be read");
    }

    @Test
    void rulesBuiltInJavaAreCheckedToo() {
        EventPattern pattern = PatternParser.parseYaml("{type: [a]}", "java");
        Rule rule = new Rule("r", pattern, List.of("channel:a"));

        assertThatThrownBy(() -> new RuleSet("java", List.of(rule, rule), UnmatchedPolicy.drop()))
                .hasMessage("java: rule 'r' is declared twice (rules[0] and rules[1]); rule names must be unique");
        assertThatThrownBy(() -> new Rule("r", pattern, List.of()))
                .hasMessageStartingWith("rule 'r': has no targets");
    }
}
