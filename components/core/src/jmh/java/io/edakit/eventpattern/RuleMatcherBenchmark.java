/*
 * Events per second through RuleMatcher against 10, 100 and 1,000 rules, most of which cannot match
 * the event, next to evaluating every rule one by one. The indexed figure should stay roughly flat
 * from 100 to 1,000 rules; the rule-by-rule one falls with the rule count.
 *
 * Run from the repository root (the jmh profile in components/pom.xml adds JMH and src/jmh/java;
 * a normal build never compiles this file):
 *
 *   mvn -B -o -Pjmh -pl components/core -am test-compile exec:exec
 *
 * (without -o the first time on a machine, to fetch JMH and the plugins), which runs
 * "RuleMatcherBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s"; other JMH options with e.g.
 *
 *   mvn -B -o -Pjmh -pl components/core -am test-compile exec:exec -Djmh.args="RuleMatcherBenchmark.indexed -f 2 -wi 5 -i 5"
 */
package io.edakit.eventpattern;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleMatcherBenchmark {

    /** Rules every bus has, whatever its size: three can match the events below, one is unindexed. */
    private static final String FIXED_RULES = """
              - name: physical-orders
                pattern: {type: [order.created], kind: [physical]}
                targets: [channel:warehouse]
              - name: audit-everything
                pattern: {id: [{exists: true}]}
                targets: [channel:audit]
              - name: eu-shops
                pattern: {source: [{prefix: /shop/eu/}]}
                targets: [channel:eu]
              - name: big-amounts
                pattern: {amount: [{numeric: [">", 1000]}]}
                targets: [channel:review]
            """;

    @Param({"10", "100", "1000"})
    public int rules;

    private RuleMatcher matcher;
    private List<Rule> allRules;
    private List<Map<String, String>> events;
    private int next;

    @Setup
    public void compile() {
        RuleSet ruleSet = RuleSet.parse(yaml(rules), "benchmark.yaml");
        if (ruleSet.rules().size() != rules) {
            throw new IllegalStateException("built " + ruleSet.rules().size() + " rules, wanted " + rules);
        }
        matcher = RuleMatcher.compile(ruleSet);
        allRules = ruleSet.rules();
        events = List.of(
                event("order.created", "/shop/eu/de", "physical", "tenant-acme", "250"),
                event("order.created", "/shop/us/ny", "digital", "tenant-globex", "1250"),
                event("order.paid", "/shop/eu/fr", "physical", "tenant-acme", "90"),
                event("invoice.issued", "/billing", "digital", "tenant-initech", "4000"),
                event("order.created", "/shop/eu/it", "physical", "tenant-umbrella", "15"),
                event("shipment.sent", "/warehouse", "physical", "tenant-acme", "0"),
                event("order.cancelled", "/shop/us/sf", "digital", "tenant-globex", "300"),
                event("order.created", "/shop/eu/es", "digital", "tenant-hooli", "2500"));
        int evaluated = 0;
        int matched = 0;
        for (Map<String, String> event : events) {
            List<Rule> expected = allRules.stream().filter(rule -> rule.matches(event)).toList();
            if (!matcher.matching(event).equals(expected) || expected.isEmpty()) {
                throw new IllegalStateException("matcher disagrees with rule-by-rule evaluation for " + event);
            }
            evaluated += matcher.candidates(event).size();
            matched += expected.size();
        }
        // the load-independent side of the figures: how much work the index leaves per event
        System.out.printf("%n%d rules: the index hands %.2f rules per event to evaluation, %.2f of which match%n",
                rules, evaluated / (double) events.size(), matched / (double) events.size());
    }

    @Benchmark
    public List<Rule> indexed() {
        return matcher.matching(nextEvent());
    }

    /** The baseline the index saves: evaluate every rule. */
    @Benchmark
    public int everyRule() {
        Map<String, String> event = nextEvent();
        int matched = 0;
        for (Rule rule : allRules) {
            if (rule.matches(event)) {
                matched++;
            }
        }
        return matched;
    }

    private Map<String, String> nextEvent() {
        Map<String, String> event = events.get(next);
        next = (next + 1) % events.size();
        return event;
    }

    /**
     * The fixed rules, then generated ones none of the events can match: distinct types, prefixes,
     * wildcards, an $or, and rules that share the events' type but name another tenant.
     */
    private static String yaml(int count) {
        StringBuilder yaml = new StringBuilder("rules:\n").append(FIXED_RULES);
        for (int i = 0; i < count - 4; i++) {
            String pattern = switch (i % 5) {
                case 0 -> "{type: [com.shop.type" + i + ".created], source: [{prefix: /shop/}]}";
                case 1 -> "{type: [{prefix: com.shop.ns" + i + ".}]}";
                case 2 -> "{$or: [{type: [com.billing.type" + i + "]}, {subject: [{suffix: -tag" + i + "}]}]}";
                case 3 -> "{type: [order.created], tenant: [tenant-" + i + "], amount: [{numeric: [\">\", 100]}]}";
                default -> "{type: [{wildcard: \"com.shop.w" + i + ".*.v1\"}], kind: [{anything-but: [digital]}]}";
            };
            yaml.append("  - name: generated-").append(i).append('\n')
                    .append("    pattern: ").append(pattern).append('\n')
                    .append("    targets: [channel:generated-").append(i).append("]\n");
        }
        return yaml.append("unmatched: drop\n").toString();
    }

    private static Map<String, String> event(String type, String source, String kind, String tenant, String amount) {
        Map<String, String> event = new HashMap<>();
        event.put("id", type + "-" + source + "-" + amount);
        event.put("specversion", "1.0");
        event.put("type", type);
        event.put("source", source);
        event.put("subject", "order-4711");
        event.put("time", "2025-01-01T12:00:00Z");
        event.put("kind", kind);
        event.put("tenant", tenant);
        event.put("amount", amount);
        return event;
    }
}
