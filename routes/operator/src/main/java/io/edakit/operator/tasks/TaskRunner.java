package io.edakit.operator.tasks;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks of one kind on one instance: each runs on a thread of its own, writes its state to its
 * task file (at each change of state, and wherever its kind saves progress), and can be cancelled.
 * A task still running when the instance stops, or is killed, is resumed at the next start; each
 * kind says what a resumed run may repeat (a redrive removes a message only once its copy is
 * confirmed, a replay goes on from its durable cursor).
 *
 * <p>This class owns the lifecycle (registry, threads, finishing, resuming, stopping); a kind
 * supplies one run of its work ({@link #work}) and how to read its files.
 *
 * @param <T> the kind of task
 */
public abstract class TaskRunner<T extends Task> extends ServiceSupport implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final Map<String, T> tasks = new ConcurrentHashMap<>();
    private final String kind;
    private final TaskStore store;
    private final Clock clock;
    private final BooleanSupplier instanceStopping;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor;

    protected TaskRunner(String kind, TaskStore store, Clock clock, BooleanSupplier instanceStopping) {
        this.kind = kind;
        this.store = store;
        this.clock = clock;
        this.instanceStopping = instanceStopping;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "edakit-" + kind + "-task-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers this runner with Camel: started and stopped with the context, resuming once it has started. */
    static <R extends TaskRunner<?>> R registered(CamelContext context, R runner) {
        TaskRunner<?> asRunner = runner;
        try {
            context.addService(runner, true, true);
            context.addStartupListener(runner);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the " + asRunner.kind + " tasks with Camel", e);
        }
        return runner;
    }

    /** One run of {@code task}: from its start (or resumption) until it is done or {@link #mustStop} says so. */
    abstract void work(T task) throws Exception;

    /** The task a file of this kind holds. */
    abstract T read(JsonObject json);

    /**
     * Whether a task the last run of the instance left running is run again now; a kind that cannot
     * resume one finishes it here (a redrive's dry run is interrupted).
     */
    boolean resumable(T task) {
        return true;
    }

    /** Starts {@code task}; false, and nothing started, where a task with its id exists. */
    final boolean submit(T task) {
        if (tasks.putIfAbsent(task.id(), task) != null) {
            return false;
        }
        save(task);
        executor.execute(() -> run(task));
        return true;
    }

    public List<T> list() {
        return tasks.values().stream().sorted(Comparator.comparing(Task::created).reversed()).toList();
    }

    public Optional<T> find(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    /** Asks a running task to stop after the item at hand; its file says when it has. */
    public Optional<T> cancel(String id) {
        Optional<T> task = find(id);
        task.ifPresent(Task::cancel);
        return task;
    }

    public Clock clock() {
        return clock;
    }

    /** Writes the task's file as it stands now. */
    final void save(T task) {
        store.save(task.id(), task.toJson(clock.instant()));
    }

    /** Whether the run of {@code task} should end at the next item: cancelled, or the instance stops. */
    final boolean mustStop(T task) {
        return task.cancelRequested() || task.shuttingDown() || instanceStopping.getAsBoolean();
    }

    private void run(T task) {
        try {
            work(task);
            if (stopping(task)) {
                task.closeRun(clock.instant()); // stays running in its file: resumed at the next start
            } else {
                task.finish(task.cancelRequested() ? Task.State.CANCELLED : Task.State.COMPLETED, clock.instant(),
                        task.cancelRequested() ? "cancelled by an operator" : null);
            }
        } catch (Exception e) {
            if (stopping(task)) {
                // the transport went down under it as the instance stops: resumed at the next start
                LOG.info("The {} stops with the instance: {}", task.describe(), e.toString());
                task.closeRun(clock.instant());
                return;
            }
            LOG.warn("The {} failed: {}", task.describe(), e.toString());
            task.finish(Task.State.FAILED, clock.instant(), "failed: " + e.getMessage());
        } finally {
            save(task);
        }
    }

    /** Whether the task's run ends because the instance stops (and not because it was cancelled or done). */
    private boolean stopping(T task) {
        return !task.cancelRequested() && (task.shuttingDown() || instanceStopping.getAsBoolean());
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    }

    /** Resumes the tasks the last run of the instance left running (the transport is up by now). */
    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        for (T task : store.load(kind, this::read)) {
            tasks.put(task.id(), task);
            if (task.state() == Task.State.RUNNING && resumable(task)) {
                task.resumedAfterRestart(clock.instant());
                LOG.info("Resuming the {} after a stop of the instance", task.describe());
                executor.execute(() -> run(task));
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        tasks.values().forEach(Task::shutDown);
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("The {} tasks did not stop within 10 s; they are resumed at the next start", kind);
        }
    }
}
