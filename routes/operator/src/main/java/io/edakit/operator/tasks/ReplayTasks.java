package io.edakit.operator.tasks;

import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.edakit.archive.EventArchive;
import io.edakit.archive.ReplayCursor;
import io.edakit.archive.ReplayRequest;
import io.edakit.archive.Replayer;
import io.edakit.config.Settings;
import io.edakit.routes.archive.EventArchives;
import io.edakit.routes.archive.ReplaySender;
import io.edakit.routes.support.ContextBeans;
import org.apache.camel.CamelContext;
import org.apache.camel.util.json.JsonObject;

/**
 * The replays of one instance, run as tasks like the redrives ({@link TaskRunner}; the same task
 * directory, files of kind {@code replay}), each file saved at each change of state and after every
 * batch. A replay still running when the instance stops, or is killed, is resumed at the next start
 * from its saved cursor: the events after it are sent again, at most one batch of which had been
 * sent before.
 *
 * <p>Each event is sent as it was archived, with the replay's name ({@link ReplaySender}), and the
 * next one only once the target confirmed it: a channel target gets the events in archive order.
 */
public final class ReplayTasks extends TaskRunner<ReplayTask> {

    private static final String BEAN = "edakitReplayTasks";

    private final Supplier<EventArchive> archive;
    private final Supplier<CamelContext> camel;

    ReplayTasks(TaskStore store, Supplier<EventArchive> archive, Supplier<CamelContext> camel, Clock clock,
                BooleanSupplier instanceStopping) {
        super(ReplayTask.KIND, store, clock, instanceStopping);
        this.archive = archive;
        this.camel = camel;
    }

    /** The context's one instance: its replays loaded from the task directory, resumed once Camel has started. */
    public static ReplayTasks forContext(CamelContext context) {
        return ContextBeans.getOrCreate(context, BEAN, ReplayTasks.class, () -> registered(context,
                new ReplayTasks(new TaskStore(Settings.of(context).get(TaskSettings.GROUP).dir()),
                        () -> EventArchives.forContext(context), () -> context, Clock.systemUTC(),
                        () -> context.isStopping() || context.isStopped())));
    }

    /**
     * Starts a replay; a bad request (unknown filter syntax, an empty window, a name in use) throws
     * IllegalArgumentException before any task exists.
     */
    public ReplayTask start(ReplayTaskSpec spec) {
        if (spec.dryRun()) {
            throw new IllegalArgumentException("a dry run is no task: ask for the dry run instead");
        }
        ReplayRequest request = spec.request();
        ReplayTask task = new ReplayTask(spec, clock().instant(), archive.get().count(request.archive(), request.from(),
                request.to()));
        if (!submit(task)) {
            throw new IllegalArgumentException("a replay named '" + spec.name() + "' exists already: choose another name");
        }
        return task;
    }

    /** What {@code spec} would send: the count and the first {@code first} events; nothing is sent, no task made. */
    public Replayer.DryRun dryRun(ReplayTaskSpec spec, int first) {
        return Replayer.dryRun(archive.get(), spec.request(), first);
    }

    @Override
    void work(ReplayTask task) throws Exception {
        try (ReplaySender sender = new ReplaySender(camel.get(), task.spec().target(), task.name())) {
            task.runStarted(clock().instant());
            save(task);
            ReplayCursor end = Replayer.run(archive.get(), task.spec().request(), task.cursor(), sender,
                    new Replayer.Progress() {
                        @Override
                        public void batchReplayed(ReplayCursor cursor) {
                            task.advanced(cursor);
                            save(task); // the durable cursor
                        }

                        @Override
                        public void eventReplayed(ReplayCursor cursor) {
                            task.advanced(cursor);
                        }

                        @Override
                        public boolean cancelled() {
                            return mustStop(task);
                        }
                    });
            task.advanced(end);
        }
    }

    @Override
    ReplayTask read(JsonObject json) {
        return ReplayTask.fromJson(json);
    }
}
