package io.edakit.archive;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A replay's sends awaiting confirmation, oldest first, and the confirmed cursor: the cursor of the
 * last event whose send and every earlier send were confirmed (events the filter passed over count
 * as confirmed once every earlier send is). Used by the replay's one thread only; the sends'
 * futures complete on other threads, and are only read here.
 */
final class SendWindow {

    /** A send awaiting its confirmation, and the cursor once it (and every earlier one) is confirmed. */
    private record InFlight(CompletableFuture<Void> confirmed, ReplayCursor after) {
    }

    private final Deque<InFlight> pending = new ArrayDeque<>();
    private final int limit;
    private final Replayer.Progress progress;
    private ReplayCursor issued;
    private ReplayCursor confirmed;

    SendWindow(int limit, ReplayCursor start, Replayer.Progress progress) {
        this.limit = limit;
        this.progress = progress;
        this.issued = start;
        this.confirmed = start;
    }

    /** Every event looked at so far, its send issued if it was selected. */
    ReplayCursor issued() {
        return issued;
    }

    /** The last event whose send, and every earlier send, was confirmed. */
    ReplayCursor confirmed() {
        return confirmed;
    }

    /** An event the filter passed over: confirmed as soon as every earlier send is. */
    void skipped(ReplayCursor after) throws Exception {
        issued = after;
        collect();
    }

    /** Blocks until a send may be issued without exceeding the limit of sends in flight. */
    void awaitRoom() throws Exception {
        collect();
        while (pending.size() >= limit) {
            confirm(pending.poll());
        }
    }

    /** A send just issued for the event at {@code after}. */
    void issued(CompletableFuture<Void> send, ReplayCursor after) throws Exception {
        issued = after;
        pending.add(new InFlight(send, after));
        collect();
    }

    /** Takes in the confirmations that arrived, oldest first, without waiting; a failed send fails the replay. */
    void collect() throws Exception {
        while (!pending.isEmpty() && pending.peek().confirmed().isDone()) {
            confirm(pending.poll());
        }
        if (pending.isEmpty()) {
            confirmed = issued;
        }
    }

    /** Waits for every send in flight. */
    void drain() throws Exception {
        while (!pending.isEmpty()) {
            confirm(pending.poll());
        }
        confirmed = issued;
    }

    private void confirm(InFlight send) throws Exception {
        try {
            send.confirmed().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        confirmed = send.after();
        progress.eventReplayed(confirmed);
    }
}
