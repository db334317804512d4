package io.edakit.workflow.durable;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Event;
import io.edakit.workflow.engine.TaskInvoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's side of callback tasks ({@code .waitForTaskToken}): opens a task's row in the
 * {@link CallbackStore} before its request goes out (one way), enforces TimeoutSeconds and
 * HeartbeatSeconds with timers armed from the row's times (so they are durable: a restarted runner
 * re-arms them where they were), and hands accepted answers to the execution that waits for them.
 *
 * <p>It never changes an execution itself: every ending (an answer applied, a timeout, a request that
 * could not be sent) goes to the {@link Settler} as an event with the {@link WorkflowStore.Guard} that
 * makes it exclusive, and the runner appends both in one transaction. No thread waits for an answer;
 * what it costs is a row and, with a timeout or heartbeat, a scheduled timer per waiting task.
 */
final class CallbackTasks {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackTasks.class);

    /** Feeds {@code event} to the execution held here, if it still waits, under {@code guard}. */
    @FunctionalInterface
    interface Settler {
        void settle(String executionId, Event event, WorkflowStore.Guard guard);
    }

    private final CallbackStore store;
    private final TaskInvoker invoker;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final Settler settler;
    /** Open tasks by execution, then task id, with their armed timers. */
    private final Map<String, Map<String, List<ScheduledFuture<?>>>> open = new ConcurrentHashMap<>();

    CallbackTasks(CallbackStore store, TaskInvoker invoker, ScheduledExecutorService timers, Clock clock, Settler settler) {
        this.store = store;
        this.invoker = invoker;
        this.timers = timers;
        this.clock = clock;
        this.settler = settler;
    }

    /**
     * Opens {@code call}'s row (or finds it: the call is made again after a restart), arms its timers
     * and sends its request; an answer accepted before a restart is applied instead of sending again.
     */
    void begin(Command.InvokeTask call) {
        CallbackTask task = store.open(call, clock.instant());
        switch (task.status()) {
            case WAITING -> {
                arm(task);
                send(call, task);
            }
            case ANSWERED -> apply(task);
            default -> LOG.warn("workflow execution {}: callback task {} is {} though the execution still waits for it",
                    call.executionId(), call.taskId(), task.status());
        }
    }

    /** Whether {@code taskId} of the execution is an open callback task here. */
    boolean isOpen(String executionId, String taskId) {
        Map<String, List<ScheduledFuture<?>>> tasks = open.get(executionId);
        return tasks != null && tasks.containsKey(taskId);
    }

    /** The execution stopped waiting for {@code taskId} (answered, timed out, cancelled): its timers go. */
    void forget(String executionId, String taskId) {
        Map<String, List<ScheduledFuture<?>>> tasks = open.get(executionId);
        if (tasks != null) {
            List<ScheduledFuture<?>> armed = tasks.remove(taskId);
            if (armed != null) {
                armed.forEach(timer -> timer.cancel(false));
            }
            open.remove(executionId, Map.of());
        }
    }

    /** This instance no longer holds the execution: its timers go (the rows stay for whoever resumes it). */
    void forgetExecution(String executionId) {
        Map<String, List<ScheduledFuture<?>>> tasks = open.remove(executionId);
        if (tasks != null) {
            tasks.values().forEach(armed -> armed.forEach(timer -> timer.cancel(false)));
        }
    }

    /** Applies answers accepted elsewhere (the CLI, another instance's API) to executions held here. */
    void applyAnswered(Predicate<String> heldHere) {
        for (CallbackTask task : store.answered(500)) {
            if (heldHere.test(task.executionId())) {
                apply(task);
            }
        }
    }

    /** An answer was accepted here: apply it now rather than at the next scan. */
    void answered(CallbackTask task) {
        apply(task);
    }

    private void apply(CallbackTask task) {
        Event event = task.answerError() == null
                ? new Event.TaskSucceeded(task.taskId(), WorkflowRunner.parse(task.answerOutput()))
                : new Event.TaskFailed(task.taskId(), task.answerError(), task.answerCause());
        settler.settle(task.executionId(), event, CallbackStore.applying(task.tokenHash()));
    }

    private void send(Command.InvokeTask call, CallbackTask task) {
        try {
            invoker.invoke(call).whenComplete((result, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    notSent(task, "States.TaskFailed", String.valueOf(cause.getMessage()));
                } else if (result.failed()) {
                    notSent(task, result.error(), result.cause());
                }
            });
        } catch (RuntimeException e) {
            notSent(task, "States.TaskFailed", String.valueOf(e.getMessage()));
        }
    }

    private void notSent(CallbackTask task, String error, String cause) {
        String why = "its request could not be sent: " + cause;
        settler.settle(task.executionId(), new Event.TaskFailed(task.taskId(), error, why),
                CallbackStore.ending(task.tokenHash(), error + ", " + why, clock.instant(), null));
    }

    private void arm(CallbackTask task) {
        Map<String, List<ScheduledFuture<?>>> tasks = open.computeIfAbsent(task.executionId(), id -> new ConcurrentHashMap<>());
        List<ScheduledFuture<?>> armed = new java.util.concurrent.CopyOnWriteArrayList<>();
        tasks.put(task.taskId(), armed);
        if (task.deadline() != null) {
            armed.add(at(task.deadline(), () -> timedOut(task)));
        }
        if (task.heartbeatMillis() > 0) {
            armed.add(at(task.heartbeatAt().plusMillis(task.heartbeatMillis()), () -> heartbeatDue(task)));
        }
    }

    private ScheduledFuture<?> at(Instant when, Runnable work) {
        return timers.schedule(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("workflow callback timer failed (it fires again when the execution resumes): {}", e.toString());
            }
        }, Math.max(0, when.toEpochMilli() - clock.millis()), TimeUnit.MILLISECONDS);
    }

    private void timedOut(CallbackTask task) {
        long seconds = (task.deadline().toEpochMilli() - task.openedAt().toEpochMilli()) / 1000;
        String cause = "no answer within the task's TimeoutSeconds (" + seconds + ")";
        settler.settle(task.executionId(), new Event.TaskFailed(task.taskId(), "States.Timeout", cause),
                CallbackStore.ending(task.tokenHash(), "States.Timeout, " + cause, clock.instant(), null));
    }

    /** The heartbeat timer: fail the task, unless a heartbeat came meanwhile (then wait from it). */
    private void heartbeatDue(CallbackTask armedFor) {
        CallbackTask task = store.byHash(armedFor.tokenHash()).orElse(armedFor);
        if (task.status() == CallbackTask.Status.ANSWERED) {
            apply(task);
            return;
        }
        if (task.status() != CallbackTask.Status.WAITING || !isOpen(task.executionId(), task.taskId())) {
            return;
        }
        Instant now = clock.instant();
        Instant due = task.heartbeatAt().plusMillis(task.heartbeatMillis());
        if (due.isAfter(now)) {
            Map<String, List<ScheduledFuture<?>>> tasks = open.get(task.executionId());
            List<ScheduledFuture<?>> armed = tasks == null ? null : tasks.get(task.taskId());
            if (armed != null) {
                armed.add(at(due, () -> heartbeatDue(task)));
            }
            return;
        }
        String cause = "no heartbeat within the task's HeartbeatSeconds (" + task.heartbeatMillis() / 1000 + ")";
        settler.settle(task.executionId(), new Event.TaskFailed(task.taskId(), "States.HeartbeatTimeout", cause),
                CallbackStore.ending(task.tokenHash(), "States.HeartbeatTimeout, " + cause, now,
                        now.minusMillis(task.heartbeatMillis())));
    }
}
