package io.edakit.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a replay: reads the window a batch at a time after the cursor, sends each selected event
 * (a send returns once the target confirmed it), paced to the rate, and hands the cursor to
 * {@link Progress#batchReplayed} after every batch, which stores it durably. Events are sent one
 * after another, never two in flight, so they reach the target in archive order.
 *
 * <p>A replay killed before its cursor was stored sends that batch again when resumed from the
 * stored cursor: at most one batch is repeated. A cancelled one stops after the event at hand,
 * its cursor exact.
 */
public final class Replayer {

    /** Sends one event to the replay's target; returns only once the target confirmed it. */
    @FunctionalInterface
    public interface Sender {
        void send(ArchivedEvent event) throws Exception;
    }

    /** Where a replay reports its cursor and learns it should stop. */
    public interface Progress {
        /** Called with the cursor after each batch; should store it durably. */
        void batchReplayed(ReplayCursor cursor);

        /** Called with the cursor after each event (its send confirmed), for progress shown live; cheap. */
        default void eventReplayed(ReplayCursor cursor) {
        }

        boolean cancelled();
    }

    /** What a dry run finds: how many events the replay would send, and the first of them. */
    public record DryRun(long count, long scanned, List<ArchivedEvent> first) {
    }

    private Replayer() {
    }

    /** Replays {@code request} from {@code cursor} until the window ends or {@code progress} cancels; the last cursor. */
    public static ReplayCursor run(EventArchive archive, ReplayRequest request, ReplayCursor cursor, Sender sender,
                                   Progress progress) throws Exception {
        Pacer pacer = new Pacer(request.rate());
        ReplayCursor at = cursor;
        while (!progress.cancelled()) {
            List<ArchivedEvent> batch = archive.read(request.archive(), request.from(), request.to(), at.sequence(),
                    request.batch());
            if (batch.isEmpty()) {
                return at;
            }
            for (ArchivedEvent event : batch) {
                if (progress.cancelled()) {
                    break;
                }
                boolean selected = request.selects(event);
                if (selected) {
                    pacer.await();
                    sender.send(event);
                }
                at = new ReplayCursor(event.sequence(), at.scanned() + 1, at.sent() + (selected ? 1 : 0),
                        selected ? event.archivedAt() : at.lastReplayed());
                progress.eventReplayed(at);
            }
            progress.batchReplayed(at);
        }
        return at;
    }

    /** The events {@code request} would send, counted, with the first {@code first} of them; nothing is sent. */
    public static DryRun dryRun(EventArchive archive, ReplayRequest request, int first) {
        List<ArchivedEvent> firstEvents = new ArrayList<>();
        long count = 0;
        long scanned = 0;
        long after = 0;
        while (true) {
            List<ArchivedEvent> batch = archive.read(request.archive(), request.from(), request.to(), after,
                    Math.max(request.batch(), 500));
            if (batch.isEmpty()) {
                return new DryRun(count, scanned, firstEvents);
            }
            for (ArchivedEvent event : batch) {
                scanned++;
                if (request.selects(event)) {
                    count++;
                    if (firstEvents.size() < first) {
                        firstEvents.add(event);
                    }
                }
                after = event.sequence();
            }
        }
    }

    /** Spaces sends {@code 1/rate} seconds apart on average (none without a rate); a slow send is caught up. */
    private static final class Pacer {
        private final long intervalNanos;
        private long next = System.nanoTime();

        Pacer(Double rate) {
            this.intervalNanos = rate == null ? 0 : (long) (1_000_000_000L / rate);
        }

        void await() {
            if (intervalNanos == 0) {
                return;
            }
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            // after a pause (a slow target) no burst beyond one interval's worth
            next = Math.max(next, System.nanoTime() - intervalNanos) + intervalNanos;
        }
    }
}
