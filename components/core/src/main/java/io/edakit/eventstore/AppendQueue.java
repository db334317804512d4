package io.edakit.eventstore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.edakit.jdbc.GroupCommitter;
import io.edakit.jdbc.SqlDialect;

/**
 * Combines the appends that arrive while the committer is busy into one {@link GroupAppend}, which
 * goes to the {@link GroupCommitter} as a single write: the group committer shares a transaction
 * between writes, this shares the statements too (one sequencer read, one duplicate lookup, one
 * batch insert per group instead of per append).
 *
 * <p><b>Contract.</b> At most one group waits in the committer's queue: the first append after a
 * group began running schedules the next one, and a group takes what has queued up when it runs,
 * not when it was scheduled ({@value #MAX_EVENTS} events at most; the rest schedule another).
 * Appends keep their submission order inside a group and between groups. Each append's future
 * completes once its group committed, with its own result: a conflict or a duplicate is an answer,
 * not a failure, so it costs the others nothing. Should the group's statements fail (a value the
 * database refuses, say), each of its appends is written again as a group of its own, so that
 * only the guilty one fails; a failure of the database itself then fails each in turn.
 */
final class AppendQueue {

    /** Events per group at most: one transaction's batch insert, and the sequencer held that long. */
    static final int MAX_EVENTS = 2_000;

    private final GroupCommitter committer;
    private final SqlDialect dialect;
    private final Clock clock;
    private final Queue<GroupAppend.Request> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final LongAdder groups = new LongAdder();
    private final LongAdder appends = new LongAdder();

    AppendQueue(GroupCommitter committer, SqlDialect dialect, Clock clock) {
        this.committer = committer;
        this.dialect = dialect;
        this.clock = clock;
    }

    /** Queues {@code request}; its future completes when its group committed. */
    void submit(GroupAppend.Request request) {
        queue.add(request);
        schedule();
    }

    /** Groups committed and the appends they held (benchmarks: appends per commit). */
    GroupCommitter.Counts counts() {
        return new GroupCommitter.Counts(groups.sum(), appends.sum());
    }

    private void schedule() {
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            send(new Group(null));
        }
    }

    private void send(Group group) {
        try {
            committer.submit(group::run).whenComplete((results, failure) -> group.answer(results, failure));
        } catch (IllegalStateException closed) {
            group.fail(closed);
        }
    }

    /** One write of the committer: the appends it drained, fixed at its first run. */
    private final class Group {

        private List<GroupAppend.Request> requests;

        Group(List<GroupAppend.Request> requests) {
            this.requests = requests;
        }

        List<AppendResult> run(java.sql.Connection connection) throws java.sql.SQLException {
            if (requests == null) {
                requests = drain();
            }
            return GroupAppend.write(connection, dialect, clock.millis(), requests);
        }

        /** Takes what has queued up; from here on, a new append schedules the next group. */
        private List<GroupAppend.Request> drain() {
            scheduled.set(false);
            List<GroupAppend.Request> drained = new ArrayList<>();
            int events = 0;
            GroupAppend.Request next;
            while (events < MAX_EVENTS && (next = queue.poll()) != null) {
                drained.add(next);
                events += next.events().size();
            }
            schedule(); // what did not fit
            return drained;
        }

        void answer(List<AppendResult> results, Throwable failure) {
            if (failure == null) {
                groups.increment();
                appends.add(requests.size());
                for (int i = 0; i < requests.size(); i++) {
                    requests.get(i).result().complete(results.get(i));
                }
            } else if (requests == null || requests.size() <= 1) {
                fail(failure);
            } else {
                requests.forEach(request -> send(new Group(List.of(request))));
            }
        }

        void fail(Throwable failure) {
            if (requests == null) {
                requests = drain();
            }
            requests.forEach(request -> request.result().completeExceptionally(failure));
        }
    }
}
