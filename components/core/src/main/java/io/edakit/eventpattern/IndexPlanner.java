package io.edakit.eventpattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses, for each rule, the index keys it is filed under: a set of keys such that any event the
 * rule matches hits at least one of them. Then only events that hit a key evaluate the rule.
 *
 * <p>A pattern offers such a set in two ways:
 * <ul>
 *   <li>an attribute all of whose conditions have a key (every alternative of {@code type:
 *       [order.created, {prefix: "invoice."}]}): the pattern cannot match unless the attribute
 *       does, so unless one of those keys is hit;</li>
 *   <li>its {@code $or}, when every branch offers a set: the pattern cannot match unless a branch
 *       does; the union of the branches' sets.</li>
 * </ul>
 * A pattern offering neither (only {@code anything-but}, {@code numeric}, {@code exists: false}
 * ...) has no keys: its rule is evaluated for every event.
 *
 * <p>Among the sets a pattern offers (and among the keys a condition offers), the cheapest is
 * taken: keys shared by fewer rules first (when a thousand rules all say
 * {@code type: [order.created]} and each names its own {@code tenant}, filing them under their
 * tenant keeps an order event from evaluating all of them), exact keys before prefixes and
 * suffixes, "attribute present" last.
 */
final class IndexPlanner {

    /** A key on one attribute. */
    record AttributeKey(String attribute, IndexKey key) {
    }

    private static final long EXACT_WEIGHT = 1;
    private static final long AFFIX_WEIGHT = 4;
    private static final long PRESENT_WEIGHT = 1024;

    private final Map<AttributeKey, Integer> popularity;

    private IndexPlanner(Map<AttributeKey, Integer> popularity) {
        this.popularity = popularity;
    }

    /** For each pattern, in order, its keys, or null when it has none. */
    static List<List<AttributeKey>> plan(List<EventPattern> patterns) {
        Map<AttributeKey, Integer> popularity = new HashMap<>();
        for (EventPattern pattern : patterns) {
            Set<AttributeKey> offered = new LinkedHashSet<>();
            collectOffered(pattern, offered);
            offered.forEach(key -> popularity.merge(key, 1, Integer::sum));
        }
        IndexPlanner planner = new IndexPlanner(popularity);
        List<List<AttributeKey>> plan = new ArrayList<>(patterns.size());
        for (EventPattern pattern : patterns) {
            plan.add(planner.choose(pattern));
        }
        return plan;
    }

    private static void collectOffered(EventPattern pattern, Set<AttributeKey> offered) {
        for (AttributeMatch attribute : pattern.attributes()) {
            for (Condition condition : attribute.anyOf()) {
                condition.indexKeys().forEach(key -> offered.add(new AttributeKey(attribute.attribute(), key)));
            }
        }
        for (EventPattern branch : pattern.anyOf()) {
            collectOffered(branch, offered);
        }
    }

    /** The cheapest key of every alternative, or null when one alternative has none. */
    private List<AttributeKey> keysOf(AttributeMatch attribute) {
        List<AttributeKey> keys = new ArrayList<>(attribute.anyOf().size());
        for (Condition condition : attribute.anyOf()) {
            AttributeKey cheapest = null;
            for (IndexKey offered : condition.indexKeys()) {
                AttributeKey key = new AttributeKey(attribute.attribute(), offered);
                if (cheapest == null || cost(key) < cost(cheapest)) {
                    cheapest = key;
                }
            }
            if (cheapest == null) {
                return null;
            }
            keys.add(cheapest);
        }
        return keys;
    }

    private List<AttributeKey> choose(EventPattern pattern) {
        List<AttributeKey> best = null;
        long bestCost = Long.MAX_VALUE;
        for (AttributeMatch attribute : pattern.attributes()) {
            List<AttributeKey> keys = keysOf(attribute);
            if (keys != null && cost(keys) < bestCost) {
                best = keys;
                bestCost = cost(keys);
            }
        }
        List<AttributeKey> branches = branchKeys(pattern);
        if (branches != null && cost(branches) < bestCost) {
            best = branches;
        }
        return best == null ? null : List.copyOf(new LinkedHashSet<>(best));
    }

    /** The union of every branch's keys, or null when there is no $or or a branch has no keys. */
    private List<AttributeKey> branchKeys(EventPattern pattern) {
        if (pattern.anyOf().isEmpty()) {
            return null;
        }
        List<AttributeKey> union = new ArrayList<>();
        for (EventPattern branch : pattern.anyOf()) {
            List<AttributeKey> keys = choose(branch);
            if (keys == null) {
                return null;
            }
            union.addAll(keys);
        }
        return union;
    }

    private long cost(List<AttributeKey> keys) {
        long cost = 0;
        for (AttributeKey key : keys) {
            cost += cost(key);
        }
        return cost;
    }

    private long cost(AttributeKey key) {
        return popularity.getOrDefault(key, 1) * weight(key.key());
    }

    private static long weight(IndexKey key) {
        return switch (key.kind()) {
            case EXACT, EXACT_FOLDED -> EXACT_WEIGHT;
            case PREFIX, PREFIX_FOLDED, SUFFIX, SUFFIX_FOLDED -> key.text().isEmpty() ? PRESENT_WEIGHT : AFFIX_WEIGHT;
            case PRESENT -> PRESENT_WEIGHT;
        };
    }
}
