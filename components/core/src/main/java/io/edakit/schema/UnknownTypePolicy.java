package io.edakit.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What happens to an event whose type has no schema in the registry. */
public enum UnknownTypePolicy {

    /** The event is a poison message: only events with a known schema pass. */
    REJECT,

    /** The event passes unchecked: schemas are added type by type. */
    ALLOW;

    /** {@code reject} or {@code allow}, in any case. */
    public static UnknownTypePolicy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown-type policy '" + value + "' is not one of "
                    + Arrays.stream(values()).map(UnknownTypePolicy::word).collect(Collectors.joining(", ")));
        }
    }

    /** The policy as written in configuration: {@code reject}, {@code allow}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
