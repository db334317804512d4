package io.edakit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for edakit's durable JDBC stores (saga log, idempotency keys, and the stores to come):
 * writes from many threads are queued and run by one committer thread in one transaction, so that
 * N concurrent writers pay for one commit instead of N. A commit is what costs on these databases
 * (H2 writes a chunk of its file per commit, PostgreSQL flushes its WAL), not the statements.
 *
 * <p><b>Contract.</b>
 * <ul>
 *   <li><b>Durable on answer.</b> A write's future completes (and {@link #commit} returns) only
 *       after the transaction that holds it has committed, so "recorded before the call is made"
 *       and "acknowledged only after the claim is durable" hold as with a commit per write.</li>
 *   <li><b>Ordering per caller.</b> A caller blocked in {@link #commit} has one write in flight, so
 *       its writes commit in its program order, and each sees every write that was answered before
 *       it was submitted. Within a batch, writes run in submission order and each sees the ones
 *       before it. With more than one committer (PostgreSQL), batches run side by side: two writes
 *       in flight at once from different callers commit in either order, and one that needs a row
 *       the other's batch holds waits for that batch (as two transactions would). Should two
 *       batches deadlock, the database fails a statement, and the batch starts over as below.</li>
 *   <li><b>A failure is the caller's own.</b> A write that throws (a key claimed twice in one batch
 *       fails inside the write that comes second; a write may equally answer "lost" for a lapsed
 *       lease or fencing token) is undone up to a savepoint taken before it, and only its caller
 *       gets the exception; the other writes of the batch commit. First the batch runs without
 *       savepoints (PostgreSQL spends a round trip on each): if a write throws, the transaction is
 *       rolled back and the batch run again with a savepoint per write. So a write may run more
 *       than once before it commits, and must act only on the connection it is given and answer
 *       from what it reads there.</li>
 *   <li><b>A failure of the batch.</b> If the transaction cannot be had or breaks before the commit
 *       (connection lost, database away) it is retried from the start, {@value #ATTEMPTS} attempts
 *       in all, as is a commit the database refused with a rollback (SQLState class 40:
 *       serialization failure, deadlock). Any other failure of the commit itself fails every write
 *       of the batch with that exception; the writes are then in doubt (the commit may have
 *       reached the disk before the connection broke), which is what a failed auto-commit
 *       statement meant before: the stores already treat a failed write as "maybe written" (a
 *       saga's lease lapses and it is resumed from its log, an unacknowledged message is
 *       redelivered).</li>
 *   <li><b>When it flushes.</b> As soon as a committer is free: a lone writer finds it idle and is
 *       committed at once. While a commit runs, writes queue up and go together into the next
 *       batch, up to {@code maxBatch}. If fewer are queued than the last round saw writers, it
 *       waits up to {@code maxDelay} for the writers just released to come back, so that batches
 *       do not split into halves that alternate.</li>
 *   <li><b>Shutdown.</b> {@link #close} refuses new writes ({@link IllegalStateException}), commits
 *       everything queued before it, then stops the threads.</li>
 * </ul>
 *
 * <p>What it costs: a write waits for the batch in progress to commit and for its own, so a lone
 * write's latency is unchanged and a loaded one's up to twice a commit (plus {@code maxDelay} at
 * most); one connection of the pool is each committer's while it flushes. Row locks are held until
 * the batch commits, so a writer in another process waiting for one of those rows waits for the
 * batch.
 */
public final class GroupCommitter implements AutoCloseable {

    /** Writes per transaction at most; PostgreSQL keeps 64 subtransactions (savepoints) in memory per backend. */
    public static final int DEFAULT_MAX_BATCH = 50;
    /** How long a batch may wait for writers that were in the last one to come back. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(1);
    static final int ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    private static final Pending<?> STOP = new Pending<>(connection -> null);

    /** One write: statements on the batch's connection, answering the caller's result. */
    @FunctionalInterface
    public interface Write<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String name;
    private final DataSource dataSource;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder batches = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private boolean closed; // guarded by this

    /**
     * @param name what it commits for, in the thread's name and in messages ("saga log")
     * @param committers batches in flight at once, each on a thread and connection of its own (1 for
     *        H2, whose commits are serial inside the database anyway; a few for PostgreSQL, where a
     *        batch spends most of its time in network round trips that can overlap)
     * @param maxBatch writes per transaction at most
     * @param maxDelay how long a batch waits at most for more writers (zero: never waits)
     */
    public GroupCommitter(String name, DataSource dataSource, int committers, int maxBatch, Duration maxDelay) {
        if (committers < 1 || maxBatch < 1 || maxDelay.isNegative()) {
            throw new IllegalArgumentException("committers and maxBatch must be positive and maxDelay not negative, got "
                    + committers + ", " + maxBatch + " and " + maxDelay);
        }
        this.name = name;
        this.dataSource = dataSource;
        this.maxBatch = maxBatch;
        this.maxDelayNanos = maxDelay.toNanos();
        for (int i = 0; i < committers; i++) {
            Thread thread = new Thread(this::loop, "edakit-group-commit-" + name.replace(' ', '-')
                    + (committers == 1 ? "" : "-" + i));
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    public GroupCommitter(String name, DataSource dataSource, int maxBatch, Duration maxDelay) {
        this(name, dataSource, 1, maxBatch, maxDelay);
    }

    /** With the defaults, {@code committers} batches in flight at once. */
    public GroupCommitter(String name, DataSource dataSource, int committers) {
        this(name, dataSource, committers, DEFAULT_MAX_BATCH, DEFAULT_MAX_DELAY);
    }

    /** How many committers suit {@code dialect}: one for H2, up to four (half the pool) for PostgreSQL. */
    public static int committersFor(SqlDialect dialect, int maxConnections) {
        return dialect == SqlDialect.POSTGRESQL ? Math.max(1, Math.min(4, maxConnections / 2)) : 1;
    }

    /**
     * Queues {@code write}; the future completes with its result once it is committed, or with the
     * exception it (or its batch's commit) failed with.
     *
     * @throws IllegalStateException when closed
     */
    public <T> CompletableFuture<T> submit(Write<T> write) {
        Pending<T> pending = new Pending<>(write);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(name + ": closed, the write is refused");
            }
            queue.add(pending);
        }
        return pending.result;
    }

    /**
     * Runs {@code write} in the next batch and answers its result once committed. Waits without
     * giving up on an interrupt (the write may commit anyway; its caller must know), and keeps the
     * thread's interrupt status.
     *
     * @throws SQLException what the write threw, or the batch's commit
     */
    public <T> T commit(Write<T> write) throws SQLException {
        return await(submit(write));
    }

    /** Waits for a submitted write; throws what it failed with, as {@link #commit} does. */
    public static <T> T await(CompletableFuture<T> result) throws SQLException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof SQLException sql) {
                        throw sql;
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many batches can be in flight at once (committer threads). */
    public int committers() {
        return threads.size();
    }

    /** Writes queued and not yet taken into a batch. */
    public int queued() {
        return (int) queue.stream().filter(pending -> pending != STOP).count();
    }

    /** Transactions and writes committed so far (for benchmarks: the mean batch size). */
    public Counts counts() {
        return new Counts(batches.sum(), writes.sum());
    }

    /** Transactions committed and the writes they held. */
    public record Counts(long transactions, long writes) {
        /** Writes per transaction. */
        public double meanBatch() {
            return transactions == 0 ? 0 : (double) writes / transactions;
        }

        /** What was committed since {@code earlier}. */
        public Counts since(Counts earlier) {
            return new Counts(transactions - earlier.transactions, writes - earlier.writes);
        }
    }

    private void loop() {
        boolean stopping = false;
        int[] expected = {1}; // writers seen in this committer's last round
        while (!stopping) {
            List<Pending<?>> batch = new ArrayList<>();
            stopping = collect(batch, expected[0]);
            if (!batch.isEmpty()) {
                try {
                    expected[0] = batch.size() + flush(batch);
                } catch (Throwable e) {
                    // an Error in a write (out of memory): its batch fails, the committer goes on
                    batch.forEach(pending -> pending.result.completeExceptionally(e));
                }
            }
        }
    }

    /** Takes the next batch off the queue; true when the stop marker was among it. */
    private boolean collect(List<Pending<?>> batch, int expected) {
        Pending<?> first = queue.poll();
        boolean wasIdle = first == null;
        if (wasIdle) {
            first = takeUninterruptibly();
        }
        if (first == STOP) {
            return true;
        }
        batch.add(first);
        if (drain(batch)) {
            return true;
        }
        if (wasIdle || maxDelayNanos == 0) {
            return false; // a lone writer does not wait
        }
        long deadline = System.nanoTime() + maxDelayNanos;
        while (batch.size() < Math.min(expected, maxBatch)) {
            long left = deadline - System.nanoTime();
            Pending<?> next = left <= 0 ? null : pollUninterruptibly(left);
            if (next == null) {
                return false;
            }
            if (next == STOP) {
                return true;
            }
            batch.add(next);
            if (drain(batch)) {
                return true;
            }
        }
        return false;
    }

    /** Adds what is queued, up to the batch size; true when the stop marker came. */
    private boolean drain(List<Pending<?>> batch) {
        while (batch.size() < maxBatch) {
            Pending<?> next = queue.poll();
            if (next == null) {
                return false;
            }
            if (next == STOP) {
                return true;
            }
            batch.add(next);
        }
        return false;
    }

    /** Commits {@code batch} and answers every write in it; returns how many writes queued meanwhile. */
    private int flush(List<Pending<?>> batch) {
        boolean savepoints = false; // optimistic: most batches have no failing write
        SQLException failure = null;
        int attempts = 0;
        while (attempts < ATTEMPTS) {
            Outcome outcome = attempt(batch, savepoints);
            if (outcome == Outcome.COMMITTED) {
                batches.increment();
                writes.add(batch.size());
                int waiting = queue.size();
                batch.forEach(Pending::answer);
                return waiting;
            }
            if (outcome == Outcome.WRITE_FAILED) {
                if (batch.size() == 1) {
                    batch.get(0).answer(); // rolled back: its own failure, nothing written
                    return queue.size();
                }
                savepoints = true; // again, each write fenced off from the others
                continue;
            }
            attempts++;
            failure = outcome.failure;
            if (!outcome.retry) {
                break;
            }
            LOG.debug("{}: batch of {} failed (attempt {} of {}): {}", name, batch.size(), attempts, ATTEMPTS,
                    failure.toString());
        }
        SQLException cause = failure;
        batch.forEach(pending -> pending.fail(cause));
        return queue.size();
    }

    private Outcome attempt(List<Pending<?>> batch, boolean savepoints) {
        boolean committing = false;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Pending<?> pending : batch) {
                    if (!pending.run(connection, savepoints)) {
                        connection.rollback();
                        return Outcome.WRITE_FAILED;
                    }
                }
                committing = true;
                connection.commit();
                return Outcome.COMMITTED;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            } finally {
                resetQuietly(connection);
            }
        } catch (SQLException e) {
            // before the commit nothing was written; a commit refused with a rollback wrote nothing either
            boolean definite = !committing || rolledBack(e);
            return Outcome.failed(e, definite);
        } catch (RuntimeException e) {
            return Outcome.failed(new SQLException(name + ": batch failed: " + e, e), !committing);
        }
    }

    /** SQLState class 40: the database rolled the transaction back (serialization failure, deadlock). */
    static boolean rolledBack(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("40");
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is broken: the transaction is gone with it
        }
    }

    private static void resetQuietly(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // broken connection: the pool validates it before lending it again
        }
    }

    private Pending<?> takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // only close() stops this thread, through the queue
            }
        }
    }

    private Pending<?> pollUninterruptibly(long nanos) {
        try {
            return queue.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return null;
        }
    }

    /** Refuses new writes, commits what is queued, and stops the committer thread. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            threads.forEach(thread -> queue.add(STOP)); // one for each: each takes one and ends
        }
        for (Thread thread : threads) {
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** What one attempt at a batch came to. */
    private static final class Outcome {
        static final Outcome COMMITTED = new Outcome(null, false);
        static final Outcome WRITE_FAILED = new Outcome(null, false);

        final SQLException failure;
        final boolean retry;

        private Outcome(SQLException failure, boolean retry) {
            this.failure = failure;
            this.retry = retry;
        }

        static Outcome failed(SQLException failure, boolean retry) {
            return new Outcome(failure, retry);
        }
    }

    /** A queued write and, once it ran in the batch that commits, its answer. */
    private static final class Pending<T> {
        final Write<T> write;
        final CompletableFuture<T> result = new CompletableFuture<>();
        private T value;
        private Throwable error;

        Pending(Write<T> write) {
            this.write = write;
        }

        /**
         * Runs the write. With {@code savepoints}, a failure is undone to the savepoint and kept as
         * this write's answer; without, it answers false (the batch is rolled back and starts over).
         */
        boolean run(Connection connection, boolean savepoints) throws SQLException {
            value = null;
            error = null;
            java.sql.Savepoint savepoint = savepoints ? connection.setSavepoint() : null;
            try {
                value = write.run(connection);
                return true;
            } catch (SQLException | RuntimeException e) {
                if (e instanceof SQLException refused && rolledBack(refused)) {
                    // a deadlock or serialization failure is the batch's, not this write's: the database
                    // picked this transaction to undo, so the batch starts over (answered to the caller as
                    // its own failure before, two instances' batches on PostgreSQL failed a few appends)
                    throw refused;
                }
                error = e;
                if (savepoint == null) {
                    return false;
                }
                connection.rollback(savepoint);
                return true;
            }
        }

        void answer() {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        }

        void fail(SQLException failure) {
            result.completeExceptionally(failure);
        }
    }
}
