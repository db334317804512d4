package io.edakit.eventstore;

import java.util.Locale;

/**
 * What an append expects of its stream's current version: the optimistic concurrency check. A
 * stream that has no event has version 0; its first event is version 1.
 *
 * @param kind   which check
 * @param version the version {@link Kind#EXACTLY} expects; -1 for the other kinds
 */
public record ExpectedVersion(Kind kind, long version) {

    /** The four checks. */
    public enum Kind { ANY, NO_STREAM, EXISTS, EXACTLY }

    public static final ExpectedVersion ANY = new ExpectedVersion(Kind.ANY, -1);
    public static final ExpectedVersion NO_STREAM = new ExpectedVersion(Kind.NO_STREAM, -1);
    public static final ExpectedVersion EXISTS = new ExpectedVersion(Kind.EXISTS, -1);

    public ExpectedVersion {
        if ((kind == Kind.EXACTLY) != (version >= 0)) {
            throw new IllegalArgumentException("an exact expected version is 0 or more, the others carry none: "
                    + kind + " " + version);
        }
    }

    /** The stream's version must be {@code version} (0: the stream must not exist yet). */
    public static ExpectedVersion exactly(long version) {
        return version == 0 ? NO_STREAM : new ExpectedVersion(Kind.EXACTLY, version);
    }

    /** {@code any}, {@code no-stream}, {@code exists} or a number; blank is {@code any}. */
    public static ExpectedVersion parse(String text) {
        String word = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (word) {
            case "", "any":
                return ANY;
            case "no-stream", "no_stream":
                return NO_STREAM;
            case "exists":
                return EXISTS;
            default:
                try {
                    long number = Long.parseLong(word);
                    if (number >= 0) {
                        return exactly(number);
                    }
                } catch (NumberFormatException e) {
                    // below
                }
                throw new IllegalArgumentException("expected version '" + text
                        + "': expected any, no-stream, exists or a version (0 or more)");
        }
    }

    /** Whether a stream at {@code current} passes the check. */
    public boolean accepts(long current) {
        return switch (kind) {
            case ANY -> true;
            case NO_STREAM -> current == 0;
            case EXISTS -> current > 0;
            case EXACTLY -> current == version;
        };
    }

    @Override
    public String toString() {
        return kind == Kind.EXACTLY ? Long.toString(version) : kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
