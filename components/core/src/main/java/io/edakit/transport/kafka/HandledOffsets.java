package io.edakit.transport.kafka;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The records a partition's consumer accepted beyond its commit point, carried in the metadata of
 * the offset commit, so that whoever reads the partition next (this process after a crash, another
 * member after a rebalance) skips them instead of handling them again.
 *
 * <p>Why: Kafka keeps one offset per partition, and records settle out of order (parallel workers,
 * keyed lanes, retries inside a route), so a record that is slow or being retried holds the commit
 * point while the records after it are accepted. Without this, a crash would hand every one of
 * those to the handler again, however many there are.
 *
 * <p>Format: {@code edakit-handled:1:<ranges>}, each range {@code a} or {@code a-b} (inclusive) as
 * distances from the committed offset, comma-separated, ascending. The ranges lie between the
 * records still in processing, so there are about as many as records in flight. Metadata in any
 * other form (written by another client) is ignored: its records are delivered again.
 */
final class HandledOffsets {

    static final String PREFIX = "edakit-handled:1:";
    /** Well below the broker's default {@code offset.metadata.max.bytes} (4096). */
    static final int MAX_CHARS = 3_000;

    /** Offsets {@code first} to {@code last}, both included. */
    record Range(long first, long last) {
        Range {
            if (last < first) {
                throw new IllegalArgumentException("empty range " + first + "-" + last);
            }
        }
    }

    /** The metadata of one commit and the ranges it names (all, or the first ones when the rest did not fit). */
    record Encoded(String metadata, List<Range> ranges) {
        static final Encoded NONE = new Encoded("", List.of());
    }

    private HandledOffsets() {
    }

    /**
     * Encodes {@code handled} (ascending, disjoint, each at or after {@code committed}) into at most
     * {@code maxChars} characters; ranges that do not fit are left out, and so not skipped later.
     */
    static Encoded encode(long committed, List<Range> handled, int maxChars) {
        StringBuilder text = new StringBuilder(PREFIX);
        List<Range> named = new ArrayList<>();
        for (Range range : handled) {
            long first = range.first() - committed;
            long last = range.last() - committed;
            String piece = (named.isEmpty() ? "" : ",") + first + (last == first ? "" : "-" + last);
            if (text.length() + piece.length() > maxChars) {
                break;
            }
            text.append(piece);
            named.add(range);
        }
        return named.isEmpty() ? Encoded.NONE : new Encoded(text.toString(), List.copyOf(named));
    }

    /** The ranges the committed metadata names as handled, as offsets (none for metadata of another kind). */
    static List<Range> decode(OffsetAndMetadata committed) {
        if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(PREFIX)) {
            return List.of();
        }
        List<Range> ranges = new ArrayList<>();
        try {
            long previous = -1;
            for (String piece : committed.metadata().substring(PREFIX.length()).split(",")) {
                int dash = piece.indexOf('-');
                long first = Long.parseLong(dash < 0 ? piece : piece.substring(0, dash));
                long last = dash < 0 ? first : Long.parseLong(piece.substring(dash + 1));
                if (first <= previous || last < first) {
                    return List.of(); // not what this class writes: delivering again is safe, skipping on a guess is not
                }
                ranges.add(new Range(committed.offset() + first, committed.offset() + last));
                previous = last;
            }
        } catch (NumberFormatException unreadable) {
            return List.of();
        }
        return ranges;
    }

    /** Whether {@code offset} lies in one of {@code ranges} (ascending, disjoint). */
    static boolean contains(List<Range> ranges, long offset) {
        int low = 0;
        int high = ranges.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Range range = ranges.get(middle);
            if (offset < range.first()) {
                high = middle - 1;
            } else if (offset > range.last()) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The union of two ascending lists of disjoint ranges, ascending, overlapping and adjacent ranges merged. */
    static List<Range> union(List<Range> a, List<Range> b) {
        List<Range> merged = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            Range next = j >= b.size() || (i < a.size() && a.get(i).first() <= b.get(j).first()) ? a.get(i++) : b.get(j++);
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && next.first() <= last.last() + 1) {
                merged.set(merged.size() - 1, new Range(last.first(), Math.max(last.last(), next.last())));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }
}
