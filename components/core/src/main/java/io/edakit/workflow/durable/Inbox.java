package io.edakit.workflow.durable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import io.edakit.workflow.engine.Event;

/**
 * The events waiting for one execution (task answers, timers that fired), handed to its handler in
 * batches on the runner's workers: at most one batch of an execution is scheduled at a time, and
 * the events that arrive while it runs make up the next. The runner records a batch in one commit,
 * so the 40 answers of a Map's iterations that arrive together cost one commit, not 40 one after
 * another (a Map of 100,000 items took 100,000 sequential commits before).
 *
 * <p>A batch that holds a timer that fell due goes to the front of the workers' queue
 * ({@link WorkerPool#executeFirst}): a Wait, a retry backoff or a timeout is due at a time, the rest
 * is not.
 */
final class Inbox {

    /** Events handled in one batch at most: bounds one commit's size and one worker's turn. */
    static final int BATCH = 256;

    private final WorkerPool workers;
    private final Object lock;
    private final Consumer<List<Event>> handler;
    private final ArrayDeque<Event> waiting = new ArrayDeque<>();
    private boolean scheduled;

    /**
     * @param lock what the handler synchronizes on (the execution): a batch is taken once the handler
     *             may run, so the events that arrived while the previous batch ran all join it
     */
    Inbox(WorkerPool workers, Object lock, Consumer<List<Event>> handler) {
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
            schedule(event instanceof Event.TimerFired);
        }
    }

    private void schedule(boolean due) {
        try {
            if (due) {
                workers.executeFirst(this::drain);
            } else {
                workers.execute(this::drain);
            }
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
            boolean due;
            synchronized (this) {
                again = !waiting.isEmpty();
                due = waiting.stream().anyMatch(Event.TimerFired.class::isInstance);
                scheduled = again;
            }
            if (again) {
                try {
                    schedule(due);
                } catch (RejectedExecutionException stopped) {
                    // closing: what waits is not on record and is redone by a resume
                }
            }
        }
    }
}
