package io.edakit.workflow.durable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import io.edakit.workflow.engine.Event;

/**
 * The events waiting for one execution (task answers, timers that fired), handed to its handler in
 * batches on the runner's workers: at most one batch of an execution is scheduled at a time, and
 * the events that arrive while it runs make up the next. The runner records a batch in one commit,
 * so the 40 answers of a Map's iterations that arrive together cost one commit, not 40 one after
 * another (a Map of 100,000 items took 100,000 sequential commits before).
 */
final class Inbox {

    /** Events handled in one batch at most: bounds one commit's size and one worker's turn. */
    static final int BATCH = 256;

    private final Executor workers;
    private final Object lock;
    private final Consumer<List<Event>> handler;
    private final ArrayDeque<Event> waiting = new ArrayDeque<>();
    private boolean scheduled;

    /**
     * @param lock what the handler synchronizes on (the execution): a batch is taken once the handler
     *             may run, so the events that arrived while the previous batch ran all join it
     */
    Inbox(Executor workers, Object lock, Consumer<List<Event>> handler) {
        this.workers = workers;
        this.lock = lock;
        this.handler = handler;
    }

    /**
     * Queues {@code event}; schedules a batch unless one is. Throws {@link RejectedExecutionException}
     * when the workers stopped (the runner is closing): the event is not on record, so a resume
     * makes the call or fires the timer again.
     */
    void post(Event event) {
        boolean schedule;
        synchronized (this) {
            waiting.add(event);
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            schedule();
        }
    }

    private void schedule() {
        try {
            workers.execute(this::drain);
        } catch (RejectedExecutionException stopped) {
            synchronized (this) {
                scheduled = false;
            }
            throw stopped;
        }
    }

    private void drain() {
        try {
            synchronized (lock) {
                List<Event> batch = new ArrayList<>();
                synchronized (this) {
                    while (!waiting.isEmpty() && batch.size() < BATCH) {
                        batch.add(waiting.poll());
                    }
                }
                handler.accept(batch);
            }
        } finally {
            boolean again;
            synchronized (this) {
                again = !waiting.isEmpty();
                scheduled = again;
            }
            if (again) {
                try {
                    schedule();
                } catch (RejectedExecutionException stopped) {
                    // closing: what waits is not on record and is redone by a resume
                }
            }
        }
    }
}
