package io.edakit.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a replay: reads the window a batch at a time after the cursor and sends each selected event,
 * paced to the rate, with up to {@link ReplayRequest#inFlight()} sends awaiting their confirmation.
 * Sends flow on across batches: the next batch is read while the last one's sends are in flight.
 * Whenever the confirmed cursor (the last event whose send and every earlier send were confirmed)
 * has moved a batch ({@link ReplayRequest#batch()} events looked at) past the last one handed over,
 * it is handed to {@link Progress#batchReplayed}, which stores it durably. The cursor never passes an
 * event whose send (or an earlier one's) is not confirmed.
 *
 * <p>Order: sends are issued in archive order; with one in flight (the default) each waits for the
 * last one's confirmation, so any target receives them in archive order. With more, the target
 * keeps the order only if the transport does for sends of one thread (Kafka per partition; Artemis
 * with one sender session, {@code edakit.broker.sender-sessions=1}).
 *
 * <p>Repeats: a replay killed midway resumes from the last stored cursor and sends again what was
 * sent after it: fewer than {@code batch} events confirmed since that cursor was stored, plus the
 * sends still in flight, so at most {@code batch - 1 + inFlight} sends; with one in flight (the
 * default) at most one batch. A failed send fails the replay the same way. A cancelled one stops
 * issuing sends, waits for those in flight, and ends with an exact cursor.
 */
public final class Replayer {

    /** Sends one event to the replay's target; the stage completes once the target confirmed it. */
    @FunctionalInterface
    public interface Sender {
        CompletionStage<Void> send(ArchivedEvent event);
    }

    /** Where a replay reports its cursor and learns it should stop. */
    public interface Progress {
        /** Called with the confirmed cursor every batch's worth of events, and at the end; should store it durably. */
        void batchReplayed(ReplayCursor cursor);

        /** Called with the cursor after each confirmed event, for progress shown live; cheap. */
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
        SendWindow window = new SendWindow(request.inFlight(), cursor, progress);
        ReplayCursor stored = cursor;
        reading:
        while (!progress.cancelled()) {
            List<ArchivedEvent> batch = archive.read(request.archive(), request.from(), request.to(),
                    window.issued().sequence(), request.batch());
            if (batch.isEmpty()) {
                break;
            }
            for (ArchivedEvent event : batch) {
                if (progress.cancelled()) {
                    break reading;
                }
                ReplayCursor issued = window.issued();
                boolean selected = request.selects(event);
                ReplayCursor after = new ReplayCursor(event.sequence(), issued.scanned() + 1,
                        issued.sent() + (selected ? 1 : 0), selected ? event.archivedAt() : issued.lastReplayed());
                if (selected) {
                    window.awaitRoom();
                    stored = storeIfDue(window.confirmed(), stored, request.batch(), progress);
                    pacer.await();
                    window.issued(sender.send(event).toCompletableFuture(), after);
                } else {
                    window.skipped(after);
                    stored = storeIfDue(window.confirmed(), stored, request.batch(), progress);
                }
            }
        }
        window.drain();
        if (!window.confirmed().equals(stored)) {
            progress.batchReplayed(window.confirmed());
        }
        return window.confirmed();
    }

    /** Hands the confirmed cursor over once it is a batch past the last one handed over; the one handed over last. */
    private static ReplayCursor storeIfDue(ReplayCursor confirmed, ReplayCursor stored, int batch, Progress progress) {
        if (confirmed.scanned() - stored.scanned() < batch) {
            return stored;
        }
        progress.batchReplayed(confirmed);
        return confirmed;
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
