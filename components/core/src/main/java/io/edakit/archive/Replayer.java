package io.edakit.archive;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a replay: reads the window a batch at a time after the cursor, sends each selected event,
 * paced to the rate, with up to {@link ReplayRequest#inFlight()} sends awaiting their confirmation,
 * and hands the cursor to {@link Progress#batchReplayed} after every batch, once every send of the
 * batch was confirmed; that stores it durably. The cursor never passes an event whose send (or an
 * earlier one's) is not confirmed.
 *
 * <p>Order: sends are issued in archive order; with one in flight (the default) each waits for the
 * last one's confirmation, so any target receives them in archive order. With more, the target
 * keeps the order only if the transport does for sends of one thread (Kafka per partition; Artemis
 * with one sender session, {@code edakit.broker.sender-sessions=1}).
 *
 * <p>A replay killed before its cursor was stored sends that batch again when resumed from the
 * stored cursor: at most one batch is repeated. A cancelled one stops issuing sends, waits for those
 * in flight, and ends with an exact cursor.
 */
public final class Replayer {

    /** Sends one event to the replay's target; the stage completes once the target confirmed it. */
    @FunctionalInterface
    public interface Sender {
        CompletionStage<Void> send(ArchivedEvent event);
    }

    /** Where a replay reports its cursor and learns it should stop. */
    public interface Progress {
        /** Called with the cursor after each batch; should store it durably. */
        void batchReplayed(ReplayCursor cursor);

        /** Called with the cursor after each confirmed event, for progress shown live; cheap. */
        default void eventReplayed(ReplayCursor cursor) {
        }

        boolean cancelled();
    }

    /** What a dry run finds: how many events the replay would send, and the first of them. */
    public record DryRun(long count, long scanned, List<ArchivedEvent> first) {
    }

    /** A send awaiting its confirmation, and the cursor once it (and every earlier one) is confirmed. */
    private record InFlight(CompletableFuture<Void> confirmed, ReplayCursor after) {
    }

    private Replayer() {
    }

    /** Replays {@code request} from {@code cursor} until the window ends or {@code progress} cancels; the last cursor. */
    public static ReplayCursor run(EventArchive archive, ReplayRequest request, ReplayCursor cursor, Sender sender,
                                   Progress progress) throws Exception {
        Pacer pacer = new Pacer(request.rate());
        Deque<InFlight> inFlight = new ArrayDeque<>();
        ReplayCursor issued = cursor; // every event looked at so far, its send issued if selected
        while (!progress.cancelled()) {
            List<ArchivedEvent> batch = archive.read(request.archive(), request.from(), request.to(), issued.sequence(),
                    request.batch());
            if (batch.isEmpty()) {
                return issued;
            }
            for (ArchivedEvent event : batch) {
                if (progress.cancelled()) {
                    break;
                }
                boolean selected = request.selects(event);
                issued = new ReplayCursor(event.sequence(), issued.scanned() + 1, issued.sent() + (selected ? 1 : 0),
                        selected ? event.archivedAt() : issued.lastReplayed());
                if (selected) {
                    while (inFlight.size() >= request.inFlight()) {
                        confirm(inFlight.poll(), progress);
                    }
                    pacer.await();
                    inFlight.add(new InFlight(sender.send(event).toCompletableFuture(), issued));
                }
            }
            while (!inFlight.isEmpty()) {
                confirm(inFlight.poll(), progress);
            }
            progress.batchReplayed(issued);
        }
        return issued;
    }

    /** Waits for one send's confirmation; a failed send fails the replay (its batch is sent again on resume). */
    private static void confirm(InFlight send, Progress progress) throws Exception {
        try {
            send.confirmed().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        progress.eventReplayed(send.after());
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
