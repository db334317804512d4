package io.edakit.eventstore;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** The upcasters of a reader, at most one per type and revision, applied in revision order. */
public final class Upcasters {

    public static final Upcasters NONE = new Upcasters(List.of());

    private final Map<String, Upcaster> byTypeAndRevision = new HashMap<>();
    private final List<Upcaster> list;
    private final String identity;

    public Upcasters(List<Upcaster> upcasters) {
        this.list = List.copyOf(upcasters);
        for (Upcaster upcaster : upcasters) {
            if (byTypeAndRevision.put(key(upcaster.eventType(), upcaster.fromRevision()), upcaster) != null) {
                throw new IllegalArgumentException("two upcasters for " + upcaster.eventType() + " revision "
                        + upcaster.fromRevision());
            }
        }
        refuseGaps(upcasters);
        this.identity = upcasters.stream()
                .sorted(Comparator.comparing(Upcaster::eventType).thenComparing(Upcaster::fromRevision))
                .map(u -> u.eventType() + "@" + u.fromRevision() + "=" + u.identity()).collect(Collectors.joining(";"));
    }

    /** {@code data} of {@code type} at {@code revision}, converted as far as upcasters go. */
    public JsonNode upcast(String type, int revision, JsonNode data) {
        JsonNode current = data;
        for (int r = revision; ; r++) {
            Upcaster next = byTypeAndRevision.get(key(type, r));
            if (next == null) {
                return current;
            }
            current = next.convert().apply(current);
        }
    }

    /** The upcasters, as given (to merge several sets in one). */
    public List<Upcaster> list() {
        return list;
    }

    /** Names every conversion, for the snapshot key; empty when there is none. */
    public String identity() {
        return identity;
    }

    /**
     * A type's upcasters read consecutive revisions (1 -> 2 -> 3): with one missing, an old event
     * would stop converting at the gap and reach the fold in neither its old shape nor the latest.
     */
    private void refuseGaps(List<Upcaster> upcasters) {
        Map<String, TreeSet<Integer>> revisions = new TreeMap<>();
        for (Upcaster upcaster : upcasters) {
            revisions.computeIfAbsent(upcaster.eventType(), type -> new TreeSet<>()).add(upcaster.fromRevision());
        }
        revisions.forEach((type, declared) -> {
            for (int r = declared.first(); r < declared.last(); r++) {
                if (!declared.contains(r)) {
                    throw new IllegalArgumentException("no upcaster for " + type + " revision " + r + " (there are "
                            + "for revisions " + declared + "); expected one for every revision from " + declared.first()
                            + " to " + declared.last() + ", each converting to the next");
                }
            }
        });
    }

    private static String key(String type, int revision) {
        return type + "\u0000" + revision;
    }
}
