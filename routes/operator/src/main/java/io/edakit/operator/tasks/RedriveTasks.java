package io.edakit.operator.tasks;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.edakit.operator.dlq.DeadLetterOperations;
import io.edakit.config.Settings;
import io.edakit.deadletter.RedriveProgress;
import io.edakit.deadletter.RedriveReport;
import io.edakit.routes.support.ContextBeans;
import org.apache.camel.CamelContext;
import org.apache.camel.util.json.JsonObject;

/**
 * The redrive tasks of one instance ({@link TaskRunner}): a task's file is written at each change of
 * state and at most every {@value #SAVE_EVERY_MILLIS} ms while it moves messages. A resumed task
 * loses nothing: the redrive removes a message from its dead-letter channel only once its copy at the
 * target is confirmed, so running it again duplicates at most the messages in flight at the stop
 * (one, or the transport's current batch); its max counts what earlier runs moved.
 */
public final class RedriveTasks extends TaskRunner<RedriveTask> {

    private static final String BEAN = "edakitRedriveTasks";
    static final long SAVE_EVERY_MILLIS = 500;

    private final Supplier<DeadLetterOperations> operations;

    RedriveTasks(TaskStore store, Supplier<DeadLetterOperations> operations, Clock clock,
                 BooleanSupplier instanceStopping) {
        super(RedriveTask.KIND, store, clock, instanceStopping);
        this.operations = operations;
    }

    /** The context's one instance: loaded from the task directory, resuming its tasks once Camel has started. */
    public static RedriveTasks forContext(CamelContext context) {
        return ContextBeans.getOrCreate(context, BEAN, RedriveTasks.class, () -> registered(context,
                new RedriveTasks(new TaskStore(Settings.of(context).get(TaskSettings.GROUP).dir()),
                        () -> DeadLetterOperations.of(context), Clock.systemUTC(),
                        () -> context.isStopping() || context.isStopped())));
    }

    /** Starts a task; a bad request (unknown filter syntax ...) throws IllegalArgumentException before any task exists. */
    public RedriveTask start(RedriveTaskSpec spec) {
        spec.request(operations.get(), 0); // checks it now, so the caller hears of a typo, not the task file
        RedriveTask task = new RedriveTask(UUID.randomUUID().toString(), spec, clock().instant());
        submit(task);
        return task;
    }

    @Override
    void work(RedriveTask task) throws Exception {
        DeadLetterOperations dlq = operations.get();
        task.runStarted(clock().instant(), dlq.waiting(task.spec().channel()));
        save(task);
        task.judged(dlq.redrive(task.spec().request(dlq, task.moved()), savingEvery(task)));
    }

    private RedriveProgress savingEvery(RedriveTask task) {
        return new RedriveProgress() {
            private long lastSave = System.nanoTime();

            @Override
            public void judged(RedriveReport soFar) {
                task.judged(soFar);
                if (System.nanoTime() - lastSave > TimeUnit.MILLISECONDS.toNanos(SAVE_EVERY_MILLIS)) {
                    lastSave = System.nanoTime();
                    save(task);
                }
            }

            @Override
            public boolean cancelled() {
                return mustStop(task);
            }
        };
    }

    @Override
    RedriveTask read(JsonObject json) {
        return RedriveTask.fromJson(json);
    }

    /** A dry run left running is not resumed: it is interrupted (what it would do may have changed). */
    @Override
    boolean resumable(RedriveTask task) {
        if (!task.spec().dryRun()) {
            return true;
        }
        task.finish(Task.State.INTERRUPTED, clock().instant(),
                "interrupted by a stop of the instance; a dry run is not resumed: start it again");
        save(task);
        return false;
    }
}
