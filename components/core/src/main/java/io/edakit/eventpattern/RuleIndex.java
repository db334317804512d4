package io.edakit.eventpattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled index of a rule set: one {@link AttributeIndex} per attribute some rule is filed
 * under, plus the rules that have no keys and are evaluated for every event.
 *
 * <p>Finding an event's candidates costs one look-up per indexed attribute (a hash look-up or a
 * walk along the value) plus the rules actually found: nothing is done per rule that cannot match.
 */
final class RuleIndex {

    private final String[] attributes;
    private final AttributeIndex[] indexes;
    private final int[] everyEvent;

    private RuleIndex(String[] attributes, AttributeIndex[] indexes, int[] everyEvent) {
        this.attributes = attributes;
        this.indexes = indexes;
        this.everyEvent = everyEvent;
    }

    static RuleIndex build(List<EventPattern> patterns) {
        List<List<IndexPlanner.AttributeKey>> plan = IndexPlanner.plan(patterns);
        Map<String, AttributeIndex.Builder> builders = new LinkedHashMap<>();
        IntList everyEvent = new IntList();
        for (int rule = 0; rule < plan.size(); rule++) {
            List<IndexPlanner.AttributeKey> keys = plan.get(rule);
            if (keys == null) {
                everyEvent.add(rule);
                continue;
            }
            for (IndexPlanner.AttributeKey key : keys) {
                builders.computeIfAbsent(key.attribute(), ignored -> new AttributeIndex.Builder()).add(key.key(), rule);
            }
        }
        List<AttributeIndex> indexes = new ArrayList<>(builders.size());
        builders.values().forEach(builder -> indexes.add(builder.build()));
        return new RuleIndex(builders.keySet().toArray(String[]::new), indexes.toArray(AttributeIndex[]::new),
                everyEvent.toSortedArray());
    }

    /** Adds the numbers of the rules this event may match, possibly with duplicates, in no order. */
    void candidates(Map<String, String> event, CandidateBuffer out) {
        for (int i = 0; i < attributes.length; i++) {
            String value = event.get(attributes[i]);
            if (value != null) {
                indexes[i].collect(value, out);
            }
        }
        out.addAll(everyEvent);
    }

    /** Numbers of the rules evaluated for every event, ascending. */
    int[] unindexed() {
        return everyEvent.clone();
    }
}
