package io.edakit.workflow.durable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edakit.execution.EngineThreads;
import io.edakit.execution.LeaseKeeper;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Event;
import io.edakit.workflow.engine.Execution;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.Outcome;
import io.edakit.workflow.engine.Step;
import io.edakit.workflow.engine.TaskInvoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs durable workflow executions from the {@link WorkflowStore}: the driver of the pure
 * {@link Interpreter} that makes its calls and timers real.
 *
 * <p><b>Record before acting.</b> An execution's row is committed before its first step's calls
 * are made; each answer of a task and each timer that fired is appended, with its time, in the
 * commit that precedes the commands of the step it caused. So a call is on record before it is made
 * (the interpreter is deterministic: the recorded causes imply the call) and its answer before the
 * next step. Pass, Choice, Succeed and Fail states run inside a step and cost no commit of their own;
 * an ending is written in the same commit as the event that caused it. Events of one execution
 * that arrive together (a Map's iterations answering) are applied and recorded as one batch
 * ({@link Inbox}): one commit, then all their steps' commands.
 *
 * <p><b>Resume.</b> After a crash (or on another instance sharing the store) an execution whose
 * lease lapsed is claimed and rebuilt by replaying its history; the calls it had made without an
 * answer on record are made again with the same task id (no retry is used up) and its timers are
 * re-armed at their recorded times (a timer that fell due meanwhile fires at once).
 *
 * <p><b>Threads.</b> Events are handled on a pool of workers, one event of an execution at a time
 * (a lock per execution), and a worker waits for its commit: many workers' commits share a group
 * commit. Leases are kept alive by the core's {@link LeaseKeeper}; a scan thread takes over orphans
 * and publishes outcomes a crash left unpublished.
 *
 * <p><b>Faults.</b> When running an execution throws (not a task's failure: a bug, a poisoned
 * definition or history, output the store refuses) the execution is let go, taken over again after
 * a lease, and parked after {@code parkAfter} faults in a row ({@link FaultPolicy}).
 *
 * <p>What it costs: while this instance holds an execution (a Wait of an hour included) its lease
 * is renewed every third of the lease; timers are in memory while held, durable through the history.
 */
public final class WorkflowRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** A workflow this instance runs: its definition and where its outcomes go. */
    private record Registration(Interpreter interpreter, WorkflowOutcomes outcomes) {
    }

    /**
     * Events applied in memory, not yet on record: their history (the events fed, each followed by the
     * calls its step cancelled), how many were fed, commands, timer lags (ms) and transitions.
     */
    private record Applied(List<WorkflowEvent> history, int fed, List<Command> commands, List<Long> timerLags,
                           int transitions) {
    }

    /** Counts for metrics and benchmarks. */
    public record Counts(long started, long ended, long taskCalls, long events, long resumed) {
    }

    private final WorkflowStore store;
    private final TaskInvoker invoker;
    private final Clock clock;
    private final int concurrency;
    private final Map<String, Registration> workflows = new ConcurrentHashMap<>();
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final LeaseKeeper leases;
    private final WorkerPool workers;
    private final ScheduledExecutorService timers;
    private final ScheduledExecutorService scanner;
    private final LongAdder started = new LongAdder();
    private final LongAdder ended = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder resumed = new LongAdder();
    private final FaultPolicy faults;
    private volatile WorkflowObserver observer = WorkflowObserver.NONE;
    private final CallbackTasks callbacks;
    private final TaskCallbacks answers;
    private volatile boolean stopping;

    /**
     * @param instance     this instance's name in the store (unique per process)
     * @param lease        how long an execution stays this instance's without a renewal: how soon
     *                     another instance takes over after a crash
     * @param concurrency  worker threads (events handled at once)
     * @param scanInterval how often orphans and unpublished outcomes are looked for
     */
    public WorkflowRunner(WorkflowStore store, TaskInvoker invoker, String instance, Duration lease, int concurrency,
                          Duration scanInterval, Clock clock) {
        this(store, invoker, instance, lease, concurrency, scanInterval, clock, FaultPolicy.DEFAULT_PARK_AFTER);
    }

    /**
     * @param parkAfter faults in a row (running the execution threw: see {@link FaultPolicy}) after
     *                  which an execution is parked instead of being taken over again
     */
    public WorkflowRunner(WorkflowStore store, TaskInvoker invoker, String instance, Duration lease, int concurrency,
                          Duration scanInterval, Clock clock, int parkAfter) {
        this.store = store;
        this.faults = new FaultPolicy(store, parkAfter, lease, clock);
        this.invoker = invoker;
        this.clock = clock;
        this.concurrency = concurrency;
        this.leases = new LeaseKeeper("workflow", instance, lease, clock, store::renewAll,
                (id, token) -> lost(id, token));
        this.workers = new WorkerPool(concurrency, EngineThreads.numbered("edakit-workflow-"));
        this.timers = EngineThreads.scheduled("edakit-workflow-timers");
        this.scanner = EngineThreads.scheduled("edakit-workflow-scan");
        this.callbacks = new CallbackTasks(store.callbacks(), invoker, timers, clock, (id, event, guard) -> {
            Live execution = live.get(id);
            if (execution != null) {
                post(execution, event, guard);
            }
        });
        this.answers = new TaskCallbacks(store.callbacks(), clock, callbacks::answered);
        scanner.scheduleWithFixedDelay(this::scan, 0, scanInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Tells {@code observer} (metrics, traces) what this runner does from now on, besides those told already. */
    public synchronized void observe(WorkflowObserver observer) {
        this.observer = WorkflowObserver.both(this.observer, observer);
    }

    /** Runs executions of {@code workflow} here, taking over its orphans too. */
    public void register(String workflow, Interpreter interpreter, WorkflowOutcomes outcomes) {
        workflows.put(workflow, new Registration(interpreter, outcomes));
    }

    public void unregister(String workflow) {
        workflows.remove(workflow);
    }

    public WorkflowStore store() {
        return store;
    }

    /** Answers to callback tasks (SendTaskSuccess, -Failure, -Heartbeat); applied at once to executions held here. */
    public TaskCallbacks callbacks() {
        return answers;
    }

    /**
     * Records a new execution of {@code workflow} and runs it; empty when one with this id exists
     * (the same start delivered twice), in which case nothing happens and the existing one is answered.
     */
    public Optional<WorkflowRecord> start(String workflow, String executionId, JsonNode input) {
        Registration kind = workflows.get(workflow);
        if (kind == null) {
            throw new IllegalStateException("no workflow '" + workflow + "' is registered");
        }
        if (stopping) {
            throw new IllegalStateException("the workflow runner is stopping");
        }
        Instant now = clock.instant();
        String token = leases.newToken();
        byte[] secret = WorkflowStore.newSecret();
        if (!store.start(WorkflowRecord.starting(executionId, workflow, text(input), now, token), secret,
                leases.leaseUntil())) {
            return store.find(executionId);
        }
        started.increment();
        Live execution = new Live(executionId, workflow, kind, token, Execution.create(executionId, input, now, secret));
        hold(execution);
        workers.execute(() -> execution.begin());
        return Optional.empty();
    }

    /**
     * Operator: resumes a parked execution in place ({@link WorkflowStore#requestResume}); the scan of
     * this or another instance running its workflow claims it within a scan interval. False when the
     * execution is unknown or not parked.
     */
    public boolean resumeParked(String executionId) {
        return store.requestResume(executionId, clock.instant());
    }

    /** Whether this instance is running the execution now. */
    public boolean running(String executionId) {
        return live.containsKey(executionId);
    }

    public Counts counts() {
        return new Counts(started.sum(), ended.sum(), calls.sum(), events.sum(), resumed.sum());
    }

    private void hold(Live execution) {
        live.put(execution.id, execution);
        leases.hold(execution.id, execution.token);
        observer.held(execution.id, execution.workflow);
    }

    private void drop(Live execution) {
        execution.gone = true;
        execution.cancelTimers();
        callbacks.forgetExecution(execution.id);
        boolean wasLive = live.remove(execution.id, execution);
        leases.release(execution.id, execution.token);
        if (wasLive) { // dropped once: a second drop (lost while ending) tells nothing new
            observer.released(execution.id, execution.execution.finished()
                    ? Optional.of(WorkflowStatus.of(execution.execution.outcome().status())) : Optional.empty());
        }
    }

    /** A renewal found the lease lost (an operator stopped it, or it was taken over while this instance stalled). */
    private void lost(String id, String token) {
        Live execution = live.get(id);
        if (execution != null && execution.token.equals(token)) {
            synchronized (execution) {
                drop(execution);
            }
        }
    }

    /** One execution this instance holds: its interpreter state, its claim, its timers. */
    private final class Live {
        final String id;
        final String workflow;
        final Registration kind;
        final String token;
        final Execution execution;
        final Map<String, ScheduledFuture<?>> armed = new HashMap<>();
        final Inbox inbox = new Inbox(workers, this, this::handle);
        boolean gone;
        /** Until when the commit of its ending holds it: past that, a scan may publish the outcome instead. */
        Instant endedHeldUntil = Instant.MAX;

        Live(String id, String workflow, Registration kind, String token, Execution execution) {
            this.id = id;
            this.workflow = workflow;
            this.kind = kind;
            this.token = token;
            this.execution = execution;
        }

        /** The first step of a new execution (its row is committed). */
        synchronized void begin() {
            try {
                Step step = kind.interpreter().start(execution);
                // a first step cancels a call it asked for when a branch fails in it: on record, and not made
                List<WorkflowEvent> cancelled = cancellations(step.commands(), execution.startTime());
                if ((execution.finished() || !cancelled.isEmpty())
                        && record(cancelled, step.commands(), null) != WorkflowStore.Appended.DONE) {
                    return;
                }
                observer.transitions(entered(step));
                carryOut(step.commands());
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        /** Re-arms what a replayed execution was waiting for: its unanswered calls and its timers. */
        synchronized void resume() {
            try {
                if (execution.finished()) {
                    // it ended in memory but the ending was not committed (crash in between): commit it now
                    if (record(List.of(), List.of(), null) == WorkflowStore.Appended.DONE) {
                        ended();
                    }
                    return;
                }
                List<Command> again = new ArrayList<>(execution.pendingTimers());
                again.addAll(execution.pendingTasks());
                carryOut(again);
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        /** A batch of events from its {@link Inbox}: applied in order, recorded in one commit, then acted on. */
        synchronized void handle(List<Event> arrived) {
            if (gone) {
                return;
            }
            try {
                Applied applied = apply(arrived);
                if (applied.history().isEmpty()
                        || record(applied.history(), applied.commands(), null) != WorkflowStore.Appended.DONE) {
                    return;
                }
                actOn(applied);
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        /**
         * A callback task's answer or timeout, on its own: applied only if the execution still waits for
         * that task, and recorded only if {@code guard} holds in the transaction that records it (the
         * answer and the timeout race; the store settles which one counts). Not batched, because a
         * refused guard throws away what was applied in memory, and with it a batch's other events.
         */
        synchronized void handle(Event event, WorkflowStore.Guard guard) {
            if (gone || !execution.waitsFor(taskId(event))) {
                return;
            }
            try {
                Applied applied = apply(List.of(event));
                if (applied.history().isEmpty()) {
                    return;
                }
                WorkflowStore.Appended appended = record(applied.history(), applied.commands(), guard);
                if (appended == WorkflowStore.Appended.REFUSED) {
                    // an answer and a timeout crossed: what is in memory went past the store, so rebuild from it
                    LOG.info("workflow execution {}: a callback task was settled meanwhile; resuming from the store", id);
                    drop(this);
                    store.letGo(id, token);
                    return;
                }
                if (appended == WorkflowStore.Appended.LOST) {
                    return;
                }
                callbacks.forget(id, taskId(event));
                actOn(applied);
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        /** Feeds {@code arrived} to the interpreter in order, up to the execution's end (later answers count nothing). */
        private Applied apply(List<Event> arrived) {
            Instant now = clock.instant();
            List<WorkflowEvent> history = new ArrayList<>(arrived.size());
            List<Command> commands = new ArrayList<>();
            List<Long> timerLags = new ArrayList<>();
            int transitions = 0;
            int fed = 0;
            for (Event event : arrived) {
                if (execution.finished()) {
                    break; // answers after the end: nothing to record
                }
                if (!awaited(event)) {
                    continue; // a late answer of a cancelled call, a timer cancelled as it fired: the step would be empty
                }
                if (event instanceof Event.TimerFired fired) {
                    dueAt(fired.timerId()).ifPresent(due -> timerLags.add(now.toEpochMilli() - due.toEpochMilli()));
                    // a fired timer is done with: kept, a loop through a Wait grew this map by one future per turn
                    armed.remove(fired.timerId());
                }
                Step step = kind.interpreter().handle(execution, event, now);
                commands.addAll(step.commands());
                transitions += entered(step);
                history.add(recorded(event, now));
                fed++;
                history.addAll(cancellations(step.commands(), now));
            }
            return new Applied(history, fed, commands, timerLags, transitions);
        }

        /** Whether the execution still waits for what {@code event} answers (a call, a timer). */
        private boolean awaited(Event event) {
            if (event instanceof Event.TimerFired fired) {
                return execution.timerOpen(fired.timerId());
            }
            String taskId = taskId(event);
            return taskId == null || execution.waitsFor(taskId);
        }

        /** What was applied is on record: count it, tell the observer, carry out its commands. */
        private void actOn(Applied applied) {
            events.add(applied.fed());
            WorkflowObserver told = observer;
            told.transitions(applied.transitions());
            applied.timerLags().forEach(told::timerFired);
            carryOut(applied.commands());
        }

        /**
         * Appends {@code history} (with the ending, if the execution ended) under {@code guard}, closing
         * the callback tasks {@code commands} cancel; LOST when the execution is lost (it is dropped).
         */
        private WorkflowStore.Appended record(List<WorkflowEvent> history, List<Command> commands, WorkflowStore.Guard guard) {
            Optional<WorkflowStore.Ending> end = Optional.empty();
            List<WorkflowEvent> all = history;
            if (execution.finished()) {
                Outcome outcome = execution.outcome();
                end = Optional.of(new WorkflowStore.Ending(WorkflowStatus.of(outcome.status()),
                        outcome.output() == null ? null : text(outcome.output()), outcome.error(), outcome.cause()));
                all = new ArrayList<>(history);
                all.add(WorkflowEvent.of(WorkflowEvent.Kind.ENDED, clock.instant(), null, outcome.error(),
                        outcome.status().name()));
            }
            List<String> closed = commands.stream().filter(command -> command instanceof Command.CancelTask cancel
                    && callbacks.isOpen(id, cancel.taskId())).map(command -> ((Command.CancelTask) command).taskId()).toList();
            Instant heldUntil = leases.leaseUntil();
            WorkflowStore.Appended appended = store.append(id, token, all, end, heldUntil, guard, closed);
            if (end.isPresent()) {
                endedHeldUntil = heldUntil;
            }
            if (appended == WorkflowStore.Appended.LOST) {
                LOG.info("workflow execution {}: no longer this instance's (stopped by an operator or taken over)", id);
                drop(this);
            }
            return appended;
        }

        private void carryOut(List<Command> commands) {
            java.util.Set<String> cancelled = cancelledTasks(commands);
            for (Command command : commands) {
                if (command instanceof Command.InvokeTask call) {
                    if (cancelled.contains(call.taskId())) {
                        continue; // asked for and cancelled in the same steps (a sibling failed later in them): never made
                    }
                    calls.increment();
                    if (call.callback()) {
                        callbacks.begin(call);
                    } else {
                        invoke(call);
                    }
                } else if (command instanceof Command.StartTimer timer) {
                    long delay = Math.max(0, timer.fireAt().toEpochMilli() - clock.millis());
                    armed.put(timer.timerId(), timers.schedule(() -> post(this, new Event.TimerFired(timer.timerId())),
                            delay, TimeUnit.MILLISECONDS));
                } else if (command instanceof Command.CancelTimer cancel) {
                    ScheduledFuture<?> timer = armed.remove(cancel.timerId());
                    if (timer != null) {
                        timer.cancel(false);
                    }
                } else if (command instanceof Command.Finish) {
                    ended();
                } else if (command instanceof Command.CancelTask cancel) {
                    // the interpreter ignores a late answer; a callback task's timers go too
                    callbacks.forget(id, cancel.taskId());
                }
            }
        }

        private void invoke(Command.InvokeTask call) {
            try {
                invoker.invoke(call).whenComplete((result, failure) -> post(this, answer(call, result, failure)));
            } catch (RuntimeException e) {
                post(this, new Event.TaskFailed(call.taskId(), "States.TaskFailed", String.valueOf(e.getMessage())));
            }
        }

        /** When a timer still open was due. */
        private Optional<Instant> dueAt(String timerId) {
            return execution.pendingTimers().stream().filter(timer -> timer.timerId().equals(timerId))
                    .map(Command.StartTimer::fireAt).findFirst();
        }

        private void ended() {
            ended.increment();
            if (execution.finished()) {
                observer.ended(WorkflowStatus.of(execution.outcome().status()));
            }
            drop(this);
            // queued, not here: this worker goes on to what is due (a timer) before the read and the
            // commit of publishing, which doubled a worker's time per ending
            Instant heldUntil = endedHeldUntil;
            try {
                workers.execute(() -> {
                    if (clock.instant().isBefore(heldUntil)) {
                        store.find(id).ifPresent(record -> publish(record, kind));
                    } // else stalled past the lease: a scan may be publishing it already, and claims it first (claimOutcome)
                });
            } catch (RejectedExecutionException stopping) {
                // closing: the outcome is on record unpublished, and a scan publishes it
            }
        }

        /** Running it threw: stop here and count the fault (the store parks it after too many). */
        private void failed(RuntimeException e) {
            drop(this);
            if (faults.record(id, token, e)) {
                observer.parked();
            }
        }

        void cancelTimers() {
            armed.values().forEach(timer -> timer.cancel(false));
            armed.clear();
        }
    }

    private void post(Live execution, Event event) {
        post(execution, event, null);
    }

    private void post(Live execution, Event event, WorkflowStore.Guard guard) {
        try {
            if (guard == null) {
                execution.inbox.post(event);
            } else {
                // a guarded answer is recorded with its guard, alone: it may be refused
                workers.execute(() -> execution.handle(event, guard));
            }
        } catch (RejectedExecutionException stopped) {
            // stopping: the event is not on record, so a resume makes the call (or fires the timer) again
        }
    }

    private static Event answer(Command.InvokeTask call, TaskInvoker.TaskResult result, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return new Event.TaskFailed(call.taskId(), "States.TaskFailed", String.valueOf(cause.getMessage()));
        }
        if (result.failed()) {
            return new Event.TaskFailed(call.taskId(), result.error(), result.cause());
        }
        return new Event.TaskSucceeded(call.taskId(), result.output());
    }

    /** The states a step entered: its transitions. */
    private static int entered(Step step) {
        int states = 0;
        for (io.edakit.workflow.engine.HistoryEntry entry : step.history()) {
            if (entry instanceof io.edakit.workflow.engine.HistoryEntry.StateEntered) {
                states++;
            }
        }
        return states;
    }

    /** The history entries of the calls {@code commands} cancel. */
    private static List<WorkflowEvent> cancellations(List<Command> commands, Instant at) {
        List<WorkflowEvent> entries = new ArrayList<>(0);
        for (Command command : commands) {
            if (command instanceof Command.CancelTask cancel) {
                entries.add(WorkflowEvent.of(WorkflowEvent.Kind.TASK_CANCELLED, at, cancel.taskId(), null,
                        cancel.state() + ": " + cancel.reason()));
            }
        }
        return entries;
    }

    /** The calls {@code commands} cancel. */
    private static java.util.Set<String> cancelledTasks(List<Command> commands) {
        java.util.Set<String> cancelled = new java.util.HashSet<>();
        for (Command command : commands) {
            if (command instanceof Command.CancelTask cancel) {
                cancelled.add(cancel.taskId());
            }
        }
        return cancelled;
    }

    private static String taskId(Event event) {
        return event instanceof Event.TaskSucceeded ok ? ok.taskId()
                : event instanceof Event.TaskFailed failed ? failed.taskId() : null;
    }

    /** The history entry of an event fed to the interpreter at {@code at}. */
    static WorkflowEvent recorded(Event event, Instant at) {
        if (event instanceof Event.TaskSucceeded ok) {
            return WorkflowEvent.of(WorkflowEvent.Kind.TASK_SUCCEEDED, at, ok.taskId(), null, text(ok.output()));
        }
        if (event instanceof Event.TaskFailed failed) {
            return WorkflowEvent.of(WorkflowEvent.Kind.TASK_FAILED, at, failed.taskId(), failed.error(), failed.cause());
        }
        return WorkflowEvent.of(WorkflowEvent.Kind.TIMER_FIRED, at, ((Event.TimerFired) event).timerId(), null, null);
    }

    /** The event a replayed history entry fed the interpreter, or empty for entries that are for people. */
    static Optional<Event> replayed(WorkflowEvent entry) {
        switch (entry.kind()) {
            case TASK_SUCCEEDED:
                return Optional.of(new Event.TaskSucceeded(entry.ref(), parse(entry.detail())));
            case TASK_FAILED:
                return Optional.of(new Event.TaskFailed(entry.ref(), entry.error(), entry.detail()));
            case TIMER_FIRED:
                return Optional.of(new Event.TimerFired(entry.ref()));
            case REDRIVEN:
                return Optional.of(new Event.Redriven());
            default:
                return Optional.empty();
        }
    }

    /**
     * Rebuilds {@code record}'s execution from its history in {@code store} (start, then each
     * recorded event with its time), handing each step to {@code steps}: what a take-over does, and
     * what the console does to draw where an execution went. Changes nothing in the store.
     */
    public static Execution rebuild(Interpreter interpreter, WorkflowRecord record, WorkflowStore store,
                                    java.util.function.Consumer<Step> steps) {
        Execution execution = Execution.create(record.id(), parse(record.input()), record.startedAt(),
                store.secret(record.id()));
        steps.accept(interpreter.start(execution));
        store.replay(record.id(), entry -> replayed(entry)
                .ifPresent(event -> steps.accept(interpreter.handle(execution, event, entry.at()))));
        return execution;
    }

    /** The definition {@code workflow} runs here, if it is registered with this runner. */
    public Optional<io.edakit.workflow.asl.StateMachine> definition(String workflow) {
        return Optional.ofNullable(workflows.get(workflow)).map(kind -> kind.interpreter().machine());
    }

    /** Claims {@code id} (already claimed in the store with {@code token}) and rebuilds it from its history. */
    private void takeOver(String id, String token) {
        Optional<WorkflowRecord> found = store.find(id);
        if (found.isEmpty() || !token.equals(found.get().owner()) || found.get().status().ended()) {
            return;
        }
        WorkflowRecord record = found.get();
        Registration kind = workflows.get(record.workflow());
        if (kind == null) {
            store.letGo(id, token);
            return;
        }
        Execution execution = rebuild(kind.interpreter(), record, store, step -> { });
        Live resumedExecution = new Live(id, record.workflow(), kind, token, execution);
        hold(resumedExecution);
        resumed.increment();
        workers.execute(resumedExecution::resume);
    }

    private void publish(WorkflowRecord record, Registration kind) {
        try {
            kind.outcomes().publish(record);
            store.markOutcomePublished(record.id());
        } catch (RuntimeException e) {
            LOG.warn("workflow execution {}: could not publish its outcome {} yet: {}", record.id(),
                    record.status().label(), e.getMessage());
        }
    }

    private void scan() {
        if (stopping) {
            return;
        }
        try {
            int room = 2 * concurrency * 64 - live.size();
            if (room > 0) {
                Instant now = clock.instant();
                String token = leases.newToken();
                List<String> claimed = store.claimOrphans(workflows.keySet(), token, now, leases.leaseUntil(),
                        Math.min(room, 500));
                // every claim is renewed from now on, not only once its turn to be replayed comes: replays
                // run one after another, and a batch of slow ones used to outlast the later claims' leases
                // (the next scan then took those over again and their open calls were made once more)
                claimed.forEach(id -> leases.hold(id, token));
                for (String id : claimed) {
                    LOG.info("workflow execution {}: taken over (its previous owner stopped renewing its lease)", id);
                    try {
                        takeOver(id, token);
                    } catch (RuntimeException e) {
                        if (faults.record(id, token, e)) { // a replay that throws: a poisoned history or definition
                            observer.parked();
                        }
                    } finally {
                        if (!live.containsKey(id)) {
                            leases.release(id, token);
                        }
                    }
                }
            }
            callbacks.applyAnswered(live::containsKey);
            Instant now = clock.instant();
            String publisher = leases.newToken();
            for (String id : store.unpublishedOutcomes(workflows.keySet(), now, 100)) {
                if (store.claimOutcome(id, publisher, now, leases.leaseUntil())) { // one instance publishes it
                    store.find(id).filter(record -> !record.outcomePublished())
                            .ifPresent(record -> publish(record, workflows.get(record.workflow())));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("workflow scan failed: {}", e.getMessage());
        }
    }

    /**
     * Stops taking work, lets the workers finish what they hold for a while, and lets go of every
     * execution still held, so that another instance (or this one restarted) continues it at once.
     */
    @Override
    public void close() {
        stopping = true;
        // the timers last: the workers' last steps may arm one (which a stopped timer thread refused, and
        // the step counted as a fault); armed ones are then dropped (on record: a resume re-arms them)
        EngineThreads.stop(STOP_GRACE, scanner, workers, timers);
        leases.letGoOfAll(store::letGo);
        live.keySet().forEach(id -> observer.released(id, Optional.empty())); // let go, still running
        live.clear();
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode parse(String text) {
        if (text == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the workflow store holds text that is not JSON: " + e.getMessage(), e);
        }
    }

    /** A fresh instance name for {@code prefix}: unique per process. */
    public static String instanceName(String prefix) {
        return LeaseKeeper.instanceName(prefix);
    }
}
