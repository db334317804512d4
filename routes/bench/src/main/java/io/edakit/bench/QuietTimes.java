package io.edakit.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each quiet message of a fairness phase was sent, confirmed by the broker and handled (one
 * clock, this JVM's nanoTime), and how many of the burst's sends were still unconfirmed when it was
 * sent. Gives the dwell two ways: end to end (send to handler, what the target counts) and
 * from the broker's confirmation (stored) to the handler, the part spent queued on the broker, where
 * fairness acts. The difference is the broker storing the message, behind every sender's writes to
 * the same journal or log.
 */
final class QuietTimes {

    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Long> sent = new ConcurrentHashMap<>();
    private final Map<Long, Long> confirmed = new ConcurrentHashMap<>();
    private final Map<Long, Long> handled = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> burstUnconfirmed = new ConcurrentLinkedQueue<>();

    /** A quiet message is about to be sent while {@code burstUnconfirmed} of the burst await confirmation. */
    long sending(long burstUnconfirmedNow) {
        long id = nextId.incrementAndGet();
        burstUnconfirmed.add(burstUnconfirmedNow);
        sent.put(id, System.nanoTime());
        return id;
    }

    void confirmed(long id) {
        confirmed.put(id, System.nanoTime());
    }

    void handled(long id) {
        handled.putIfAbsent(id, System.nanoTime());
    }

    /** Send to handler, ms, sorted. */
    double[] endToEndMillis() {
        return between(sent, handled);
    }

    /** Send to the broker's confirmation, ms, sorted. */
    double[] confirmMillis() {
        return between(sent, confirmed);
    }

    /**
     * The broker's confirmation to the handler, ms, sorted: negative where the handler ran before
     * the confirmation reached the sender (the broker routes a stored message and confirms it at once).
     */
    double[] storedToHandlerMillis() {
        return between(confirmed, handled);
    }

    /** The burst's unconfirmed sends at each quiet send, sorted. */
    long[] burstUnconfirmed() {
        return burstUnconfirmed.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static double[] between(Map<Long, Long> from, Map<Long, Long> to) {
        return from.entrySet().stream().filter(e -> to.containsKey(e.getKey()))
                .mapToDouble(e -> (to.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
    }

    static double percentile(double[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(sorted.length * quantile) - 1)];
    }

    static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(sorted.length * quantile) - 1)];
    }
}
