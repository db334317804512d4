package io.edakit.app.tasks;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.edakit.app.config.TaskSettings;
import io.edakit.app.dlq.DeadLetterOperations;
import io.edakit.config.Settings;
import io.edakit.deadletter.RedriveProgress;
import io.edakit.deadletter.RedriveReport;
import io.edakit.routes.support.ContextBeans;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The redrive tasks of one instance: each runs on a thread of its own, writes its state to its
 * task file (at each change of state, and at most every {@value #SAVE_EVERY_MILLIS} ms while it
 * moves messages), and can be cancelled. A task still running when the instance stops is resumed
 * at the next start: the redrive removes a message from its dead-letter channel only once its copy
 * at the target is confirmed, so running it again loses nothing, and duplicates at most the messages
 * in flight at the stop (one, or the transport's current batch); its max counts what earlier runs
 * moved.
 */
public final class RedriveTasks extends ServiceSupport implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(RedriveTasks.class);
    private static final String BEAN = "edakitRedriveTasks";
    static final long SAVE_EVERY_MILLIS = 500;

    private final Map<String, RedriveTask> tasks = new ConcurrentHashMap<>();
    private final TaskStore store;
    private final Supplier<DeadLetterOperations> operations;
    private final Clock clock;
    private final BooleanSupplier instanceStopping;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "edakit-redrive-task-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    RedriveTasks(TaskStore store, Supplier<DeadLetterOperations> operations, Clock clock,
                 BooleanSupplier instanceStopping) {
        this.store = store;
        this.operations = operations;
        this.clock = clock;
        this.instanceStopping = instanceStopping;
    }

    /** The context's one instance: loaded from the task directory, resuming its tasks once Camel has started. */
    public static RedriveTasks forContext(CamelContext context) {
        return ContextBeans.getOrCreate(context, BEAN, RedriveTasks.class, () -> {
            RedriveTasks created = new RedriveTasks(new TaskStore(Settings.of(context).get(TaskSettings.GROUP).dir()),
                    () -> DeadLetterOperations.of(context), Clock.systemUTC(),
                    () -> context.isStopping() || context.isStopped());
            try {
                context.addService(created, true, true);
                context.addStartupListener(created);
            } catch (Exception e) {
                throw new IllegalStateException("cannot register the redrive tasks with Camel", e);
            }
            return created;
        });
    }

    /** Starts a task; a bad request (unknown filter syntax ...) throws IllegalArgumentException before any task exists. */
    public RedriveTask start(RedriveTaskSpec spec) {
        spec.request(operations.get(), 0); // checks it now, so the caller hears of a typo, not the task file
        RedriveTask task = new RedriveTask(UUID.randomUUID().toString(), spec, clock.instant());
        tasks.put(task.id(), task);
        store.save(task, clock.instant());
        executor.execute(() -> run(task));
        return task;
    }

    public List<RedriveTask> list() {
        return tasks.values().stream().sorted(Comparator.comparing(RedriveTask::created).reversed()).toList();
    }

    public Optional<RedriveTask> find(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    /** Asks a running task to stop after the message at hand; the task's file says when it has. */
    public Optional<RedriveTask> cancel(String id) {
        Optional<RedriveTask> task = find(id);
        task.ifPresent(RedriveTask::cancel);
        return task;
    }

    public Clock clock() {
        return clock;
    }

    private void run(RedriveTask task) {
        try {
            DeadLetterOperations dlq = operations.get();
            task.runStarted(clock.instant(), dlq.waiting(task.spec().channel()));
            store.save(task, clock.instant());
            RedriveReport report = dlq.redrive(task.spec().request(dlq, task.moved()), savingEvery(task));
            task.judged(report);
            if (stopping(task)) {
                task.closeRun(clock.instant()); // stays running in its file: resumed at the next start
            } else {
                task.finish(task.cancelRequested() ? RedriveTask.State.CANCELLED : RedriveTask.State.COMPLETED,
                        clock.instant(), task.cancelRequested() ? "cancelled by an operator" : null);
            }
        } catch (Exception e) {
            if (stopping(task)) {
                // the transport went down under it as the instance stops: resumed at the next start
                LOG.info("Redrive task {} of {} stops with the instance: {}", task.id(), task.spec().channel(), e.toString());
                task.closeRun(clock.instant());
                return;
            }
            LOG.warn("Redrive task {} of {} failed: {}", task.id(), task.spec().channel(), e.toString());
            task.finish(RedriveTask.State.FAILED, clock.instant(), "failed: " + e.getMessage());
        } finally {
            store.save(task, clock.instant());
        }
    }

    private RedriveProgress savingEvery(RedriveTask task) {
        return new RedriveProgress() {
            private long lastSave = System.nanoTime();

            @Override
            public void judged(RedriveReport soFar) {
                task.judged(soFar);
                if (System.nanoTime() - lastSave > TimeUnit.MILLISECONDS.toNanos(SAVE_EVERY_MILLIS)) {
                    lastSave = System.nanoTime();
                    store.save(task, clock.instant());
                }
            }

            @Override
            public boolean cancelled() {
                return task.cancelled() || instanceStopping.getAsBoolean();
            }
        };
    }

    /** Whether the task's run ends because the instance stops (and not because it was cancelled or done). */
    private boolean stopping(RedriveTask task) {
        return !task.cancelRequested() && (task.shuttingDown() || instanceStopping.getAsBoolean());
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    }

    /** Resumes the tasks the last run of the instance left running (the transport is up by now). */
    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        for (RedriveTask task : store.load()) {
            tasks.put(task.id(), task);
            if (task.state() != RedriveTask.State.RUNNING) {
                continue;
            }
            if (task.spec().dryRun()) {
                task.finish(RedriveTask.State.INTERRUPTED, clock.instant(),
                        "interrupted by a stop of the instance; a dry run is not resumed: start it again");
                store.save(task, clock.instant());
            } else {
                task.resumedAfterRestart(clock.instant());
                LOG.info("Resuming redrive task {} of {} ({} moved before the stop)", task.id(), task.spec().channel(),
                        task.moved());
                executor.execute(() -> run(task));
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        tasks.values().forEach(RedriveTask::shutDown);
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Redrive tasks did not stop within 10 s; they are resumed at the next start");
        }
    }
}
