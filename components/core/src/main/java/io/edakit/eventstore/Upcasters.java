package io.edakit.eventstore;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private static String key(String type, int revision) {
        return type + "\u0000" + revision;
    }
}
