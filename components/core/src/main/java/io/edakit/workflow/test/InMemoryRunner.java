package io.edakit.workflow.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.edakit.workflow.asl.StateMachine;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Event;
import io.edakit.workflow.engine.Execution;
import io.edakit.workflow.engine.HistoryEntry;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.Outcome;
import io.edakit.workflow.engine.Step;
import io.edakit.workflow.engine.TaskInvoker;

/**
 * Drives the {@link Interpreter} in memory: calls go to a {@link TaskInvoker} (usually {@link Mocks}),
 * timers fire on a virtual clock as soon as nothing else can happen, so a Wait of a day or a retry
 * backoff takes no time; the virtual time passed is reported. Each state run is recorded with its
 * input and output (all, only the top level's, or none: a Map of 100,000 items need not keep a
 * record per iteration).
 */
public final class InMemoryRunner {

    /** Which states a run records. */
    public enum Trace { ALL, TOP, NONE }

    /** One state run: its input and output, or its error when it failed. {@code run} "" is the top level. */
    public record StateRun(String run, String name, JsonNode input, JsonNode output, String error, String cause) {
    }

    /** A finished execution: how it ended, its states, the virtual time it took, the calls it made. */
    public record Report(Outcome outcome, List<StateRun> states, Duration virtualTime, int taskCalls,
                         List<HistoryEntry> history) {
    }

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration ASYNC_LIMIT = Duration.ofMinutes(5);

    private final Interpreter interpreter;
    private final TaskInvoker invoker;
    private final Trace trace;
    private final boolean keepHistory;

    public InMemoryRunner(StateMachine machine, TaskInvoker invoker) {
        this(new Interpreter(machine), invoker, Trace.ALL, false);
    }

    public InMemoryRunner(Interpreter interpreter, TaskInvoker invoker, Trace trace, boolean keepHistory) {
        this.interpreter = interpreter;
        this.invoker = invoker;
        this.trace = trace;
        this.keepHistory = keepHistory;
    }

    public Report run(JsonNode input) {
        return run("arn:edakit:execution:test:" + interpreter.machine().file(), input);
    }

    public Report run(String executionId, JsonNode input) {
        return new Drive(executionId, input).go();
    }

    private final class Drive {
        private final Execution execution;
        private final BlockingQueue<Event> answers = new LinkedBlockingQueue<>();
        private final TreeSet<Command.StartTimer> timers = new TreeSet<>(
                Comparator.comparing(Command.StartTimer::fireAt).thenComparing(Command.StartTimer::timerId));
        private final Map<String, Command.StartTimer> timersById = new HashMap<>();
        private final List<StateRun> states = new ArrayList<>();
        private final Map<String, Integer> openState = new HashMap<>();
        private final List<HistoryEntry> history = new ArrayList<>();
        private Instant now = EPOCH;
        private int inFlight;
        private int calls;

        Drive(String executionId, JsonNode input) {
            this.execution = Execution.create(executionId, input, EPOCH);
        }

        Report go() {
            carryOut(interpreter.start(execution));
            while (!execution.finished()) {
                Event event = answers.poll();
                if (event == null && inFlight > 0) {
                    event = awaitAnswer();
                }
                if (event != null) {
                    inFlight--;
                } else if (!timers.isEmpty()) {
                    Command.StartTimer timer = timers.pollFirst();
                    timersById.remove(timer.timerId());
                    if (timer.fireAt().isAfter(now)) {
                        now = timer.fireAt();
                    }
                    event = new Event.TimerFired(timer.timerId());
                } else {
                    throw new IllegalStateException("execution " + execution.id() + " waits for nothing and has not ended");
                }
                carryOut(interpreter.handle(execution, event, now));
            }
            return new Report(execution.outcome(), states, Duration.between(EPOCH, now), calls, history);
        }

        private Event awaitAnswer() {
            try {
                Event event = answers.poll(ASYNC_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    throw new IllegalStateException("no task answered within " + ASYNC_LIMIT);
                }
                return event;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private void carryOut(Step step) {
            record(step.history());
            java.util.Set<String> cancelled = new java.util.HashSet<>();
            step.commands().stream().filter(Command.CancelTask.class::isInstance)
                    .forEach(cancel -> cancelled.add(((Command.CancelTask) cancel).taskId()));
            for (Command command : step.commands()) {
                if (command instanceof Command.InvokeTask call && cancelled.contains(call.taskId())) {
                    continue; // cancelled in the step that asked for it (a sibling failed later in it): never made
                }
                if (command instanceof Command.InvokeTask call) {
                    inFlight++;
                    calls++;
                    invoker.invoke(call).whenComplete((result, failure) -> answers.add(answer(call, result, failure)));
                } else if (command instanceof Command.StartTimer timer) {
                    timers.add(timer);
                    timersById.put(timer.timerId(), timer);
                } else if (command instanceof Command.CancelTimer cancel) {
                    Command.StartTimer timer = timersById.remove(cancel.timerId());
                    if (timer != null) {
                        timers.remove(timer);
                    }
                }
                // CancelTask: the interpreter ignores a late answer; Finish: the loop sees execution.finished()
            }
        }

        private Event answer(Command.InvokeTask call, TaskInvoker.TaskResult result, Throwable failure) {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                return new Event.TaskFailed(call.taskId(), "States.TaskFailed", String.valueOf(cause.getMessage()));
            }
            if (result.failed()) {
                return new Event.TaskFailed(call.taskId(), result.error(), result.cause());
            }
            return new Event.TaskSucceeded(call.taskId(), result.output());
        }

        private void record(List<HistoryEntry> entries) {
            if (keepHistory) {
                history.addAll(entries);
            }
            if (trace == Trace.NONE) {
                return;
            }
            for (HistoryEntry entry : entries) {
                if (trace == Trace.TOP && !entry.run().isEmpty()) {
                    continue;
                }
                String key = entry.run() + "\u0000" + entry.state();
                if (entry instanceof HistoryEntry.StateEntered entered) {
                    openState.put(key, states.size());
                    states.add(new StateRun(entry.run(), entry.state(), entered.input(), null, null, null));
                } else if (entry instanceof HistoryEntry.StateExited exited) {
                    Integer index = openState.remove(key);
                    if (index != null) {
                        StateRun open = states.get(index);
                        states.set(index, new StateRun(open.run(), open.name(), open.input(), exited.output(), open.error(), open.cause()));
                    }
                } else if (entry instanceof HistoryEntry.StateFailed failed) {
                    Integer index = failed.caughtBy() == null ? openState.remove(key) : openState.get(key);
                    if (index != null) {
                        StateRun open = states.get(index);
                        states.set(index, new StateRun(open.run(), open.name(), open.input(), null, failed.error(), failed.cause()));
                    }
                }
            }
        }
    }
}
