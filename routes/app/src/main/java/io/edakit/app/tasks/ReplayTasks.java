package io.edakit.app.tasks;

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
import java.util.function.Supplier;

import io.edakit.app.config.TaskSettings;
import io.edakit.archive.EventArchive;
import io.edakit.archive.ReplayCursor;
import io.edakit.archive.ReplayRequest;
import io.edakit.archive.Replayer;
import io.edakit.config.Settings;
import io.edakit.routes.archive.EventArchives;
import io.edakit.routes.archive.ReplaySender;
import io.edakit.routes.support.ContextBeans;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replays of one instance, run as tasks like the redrives: each on a thread of its own, its
 * state and cursor in its task file (the redrive tasks' directory and file format, kind
 * {@code replay}), saved at each change of state and after every batch. A replay still running when
 * the instance stops, or is killed, is resumed at the next start from its saved cursor: the events
 * after it are sent again, at most one batch of which had been sent before.
 *
 * <p>Each event is sent as it was archived, with the replay's name ({@link ReplaySender}), and the
 * next one only once the target confirmed it: a channel target gets the events in archive order.
 */
public final class ReplayTasks extends ServiceSupport implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayTasks.class);
    private static final String BEAN = "edakitReplayTasks";

    private final Map<String, ReplayTask> tasks = new ConcurrentHashMap<>();
    private final TaskStore store;
    private final Supplier<EventArchive> archive;
    private final Supplier<CamelContext> camel;
    private final Clock clock;
    private final BooleanSupplier instanceStopping;
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "edakit-replay-task-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    ReplayTasks(TaskStore store, Supplier<EventArchive> archive, Supplier<CamelContext> camel, Clock clock,
                BooleanSupplier instanceStopping) {
        this.store = store;
        this.archive = archive;
        this.camel = camel;
        this.clock = clock;
        this.instanceStopping = instanceStopping;
    }

    /** The context's one instance: its replays loaded from the task directory, resumed once Camel has started. */
    public static ReplayTasks forContext(CamelContext context) {
        return ContextBeans.getOrCreate(context, BEAN, ReplayTasks.class, () -> {
            ReplayTasks created = new ReplayTasks(new TaskStore(Settings.of(context).get(TaskSettings.GROUP).dir()),
                    () -> EventArchives.forContext(context), () -> context, Clock.systemUTC(),
                    () -> context.isStopping() || context.isStopped());
            try {
                context.addService(created, true, true);
                context.addStartupListener(created);
            } catch (Exception e) {
                throw new IllegalStateException("cannot register the replays with Camel", e);
            }
            return created;
        });
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
        ReplayTask task = new ReplayTask(spec, clock.instant(), archive.get().count(request.archive(), request.from(),
                request.to()));
        if (tasks.putIfAbsent(spec.name(), task) != null) {
            throw new IllegalArgumentException("a replay named '" + spec.name() + "' exists already: choose another name");
        }
        save(task);
        executor.execute(() -> run(task));
        return task;
    }

    /** What {@code spec} would send: the count and the first {@code first} events; nothing is sent, no task made. */
    public Replayer.DryRun dryRun(ReplayTaskSpec spec, int first) {
        return Replayer.dryRun(archive.get(), spec.request(), first);
    }

    public List<ReplayTask> list() {
        return tasks.values().stream().sorted(Comparator.comparing(ReplayTask::created).reversed()).toList();
    }

    public Optional<ReplayTask> find(String name) {
        return Optional.ofNullable(tasks.get(name));
    }

    /** Asks a running replay to stop after the event at hand; its file says when it has. */
    public Optional<ReplayTask> cancel(String name) {
        Optional<ReplayTask> task = find(name);
        task.ifPresent(ReplayTask::cancel);
        return task;
    }

    public Clock clock() {
        return clock;
    }

    private void run(ReplayTask task) {
        try (ReplaySender sender = new ReplaySender(camel.get(), task.spec().target(), task.name())) {
            task.runStarted(clock.instant());
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
                            return task.cancelRequested() || task.shuttingDown() || instanceStopping.getAsBoolean();
                        }
                    });
            task.advanced(end);
            if (stopping(task)) {
                task.closeRun(clock.instant()); // stays running in its file: resumed at the next start
            } else {
                task.finish(task.cancelRequested() ? RedriveTask.State.CANCELLED : RedriveTask.State.COMPLETED,
                        clock.instant(), task.cancelRequested() ? "cancelled by an operator" : null);
            }
        } catch (Exception e) {
            if (stopping(task)) {
                LOG.info("Replay {} stops with the instance: {}", task.name(), e.toString());
                task.closeRun(clock.instant());
                return;
            }
            LOG.warn("Replay {} failed: {}", task.name(), e.toString());
            task.finish(RedriveTask.State.FAILED, clock.instant(), "failed: " + e.getMessage());
        } finally {
            save(task);
        }
    }

    private void save(ReplayTask task) {
        store.save(task.name(), task.toJson(clock.instant()));
    }

    private boolean stopping(ReplayTask task) {
        return !task.cancelRequested() && (task.shuttingDown() || instanceStopping.getAsBoolean());
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
    }

    /** Resumes the replays the last run of the instance left running (its channels take messages by now). */
    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        for (ReplayTask task : store.load(ReplayTask.KIND, ReplayTask::fromJson)) {
            tasks.put(task.name(), task);
            if (task.state() == RedriveTask.State.RUNNING) {
                task.resumedAfterRestart(clock.instant());
                LOG.info("Resuming replay {} of archive {} after sequence {} ({} sent before the stop)", task.name(),
                        task.spec().archive(), task.cursor().sequence(), task.cursor().sent());
                executor.execute(() -> run(task));
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        tasks.values().forEach(ReplayTask::shutDown);
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Replays did not stop within 10 s; they are resumed at the next start");
        }
    }
}
