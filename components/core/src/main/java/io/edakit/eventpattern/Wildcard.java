package io.edakit.eventpattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code {wildcard: "order.*.created"}}: {@code *} matches any run of characters, the empty run
 * included. As in EventBridge, {@code \*} is a literal star, {@code \\} a literal backslash, any
 * other escape and two consecutive stars are rejected.
 *
 * <p>The pattern is kept as the literal pieces between stars. Matching checks the first piece as a
 * prefix, the last as a suffix and finds the middle ones left to right: taking the leftmost place
 * for each piece never loses a match, so there is no backtracking and the cost stays linear in the
 * value's length for each piece.
 */
public final class Wildcard implements Condition {

    private final String pattern;
    private final List<String> pieces;

    private Wildcard(String pattern, List<String> pieces) {
        this.pattern = pattern;
        this.pieces = pieces;
    }

    /** @throws IllegalArgumentException when the pattern has a bad escape or two consecutive stars */
    public static Wildcard of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        boolean lastWasStar = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (lastWasStar) {
                    throw new IllegalArgumentException("consecutive '**' at position " + (i - 1) + " in '" + pattern
                            + "': one '*' already matches any run of characters");
                }
                pieces.add(piece.toString());
                piece.setLength(0);
                lastWasStar = true;
                continue;
            }
            if (c == '\\') {
                char escaped = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
                if (escaped != '*' && escaped != '\\') {
                    throw new IllegalArgumentException("backslash at position " + i + " in '" + pattern
                            + "' must be followed by '*' or '\\'");
                }
                c = escaped;
                i++;
            }
            piece.append(c);
            lastWasStar = false;
        }
        pieces.add(piece.toString());
        return new Wildcard(pattern, List.copyOf(pieces));
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    /** True for {@code "*"}, the one pattern every value (the empty one included) matches. */
    public boolean matchesEverything() {
        return pieces.size() > 1 && pieces.stream().allMatch(String::isEmpty);
    }

    @Override
    public boolean matches(String actual) {
        if (actual == null) {
            return false;
        }
        int last = pieces.size() - 1;
        if (last == 0) {
            return actual.equals(pieces.get(0));
        }
        String head = pieces.get(0);
        String tail = pieces.get(last);
        if (actual.length() < head.length() + tail.length() || !actual.startsWith(head) || !actual.endsWith(tail)) {
            return false;
        }
        int from = head.length();
        int end = actual.length() - tail.length();
        for (int i = 1; i < last; i++) {
            String middle = pieces.get(i);
            int at = actual.indexOf(middle, from);
            if (at < 0 || at + middle.length() > end) {
                return false;
            }
            from = at + middle.length();
        }
        return true;
    }

    /**
     * Without a star, the exact text; otherwise the literal head as a prefix and the literal tail as
     * a suffix, whichever are not empty ({@code "order.*.created"} offers both, and rules that share
     * the tail are best filed under their heads); "present" for {@code "*"} or {@code "*x*"}.
     */
    @Override
    public List<IndexKey> indexKeys() {
        int last = pieces.size() - 1;
        String head = pieces.get(0);
        if (last == 0) {
            return List.of(new IndexKey(IndexKey.Kind.EXACT, head));
        }
        String tail = pieces.get(last);
        List<IndexKey> keys = new ArrayList<>(2);
        if (!head.isEmpty()) {
            keys.add(new IndexKey(IndexKey.Kind.PREFIX, head));
        }
        if (!tail.isEmpty()) {
            keys.add(new IndexKey(IndexKey.Kind.SUFFIX, tail));
        }
        return keys.isEmpty() ? List.of(IndexKey.present()) : List.copyOf(keys);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Wildcard wildcard && wildcard.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return "Wildcard[" + pattern + "]";
    }
}
