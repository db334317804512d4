package io.edakit.workflow.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.edakit.workflow.asl.Catcher;
import io.edakit.workflow.asl.ChoiceRule;
import io.edakit.workflow.asl.Retrier;
import io.edakit.workflow.asl.State;
import io.edakit.workflow.asl.StateCommon;
import io.edakit.workflow.asl.StateMachine;
import io.edakit.workflow.engine.Command.TimerPurpose;
import io.edakit.workflow.jsonata.JsonataTemplates;
import io.edakit.workflow.path.Intrinsics;
import io.edakit.workflow.path.JsonPaths;
import io.edakit.workflow.path.PathFailure;
import io.edakit.workflow.path.Timestamps;

/**
 * Runs a state machine as transitions over an explicit {@link Execution}: {@link #start} and then
 * {@link #handle} for each {@link Event}, each returning a {@link Step} with the {@link Command}s
 * for the driver. The interpreter never calls out, sleeps or reads a clock: the driver makes the
 * calls, runs the timers and says what time it is, so the same code runs in memory (the test
 * runner, which skips waits) and, durably, on a store.
 *
 * <h2>Contract with a driver</h2>
 * <ul>
 * <li>Deterministic: the same definition, start parameters and sequence of (event, time) give the same
 *     steps, the same ids and the same random draws. A durable driver stores the start parameters
 *     and each event with its time; replaying them rebuilds the execution exactly.</li>
 * <li>Record before acting: the driver records a step (its event) before carrying out the step's
 *     commands, and records an answer before handing it to {@link #handle}. So a call is on record
 *     before it is made and its answer before the next step; after a crash,
 *     {@link Execution#pendingTasks()} are the calls to make again (same task id) and
 *     {@link Execution#pendingTimers()} the timers to re-arm.</li>
 * <li>One step per event, on one thread per execution. Pass, Choice, Succeed, Fail and all input and
 *     output processing happen inside a step: they need no record of their own.</li>
 * <li>Late or unknown answers (a cancelled or timed-out call, a duplicate) are ignored: an empty step.</li>
 * </ul>
 */
public final class Interpreter {

    /**
     * @param mapConcurrency iterations a Map with MaxConcurrency 0 runs at once (Step Functions runs up to
     *                       40 for an inline Map); results are in item order either way
     */
    public record Options(int mapConcurrency) {
        public static final Options DEFAULT = new Options(40);
    }

    private static final Object PROGRESS = new Object();

    private final StateMachine machine;
    private final Options options;

    public Interpreter(StateMachine machine) {
        this(machine, Options.DEFAULT);
    }

    public Interpreter(StateMachine machine, Options options) {
        this.machine = machine;
        this.options = options;
    }

    public StateMachine machine() {
        return machine;
    }

    /** Starts {@code execution} (new, from {@link Execution#create}) at its start time. */
    public Step start(Execution execution) {
        if (execution.root != null) {
            throw new IllegalStateException("execution " + execution.id + " has started already");
        }
        Stepper stepper = new Stepper(execution);
        execution.root = new Run("", machine, null, 0, new Variables(null), machine.startAt(), execution.input);
        if (machine.timeoutSeconds() != null) {
            execution.executionTimer = stepper.startTimer(null,
                    execution.startTime.plusSeconds(machine.timeoutSeconds()), TimerPurpose.EXECUTION_TIMEOUT);
        }
        stepper.queue.add(execution.root);
        return stepper.drain();
    }

    /** Applies {@code event}, which happened at {@code now}. */
    public Step handle(Execution execution, Event event, Instant now) {
        if (execution.root == null) {
            throw new IllegalStateException("execution " + execution.id + " has not started");
        }
        if (now.isAfter(execution.now)) {
            execution.now = now;
        }
        Stepper stepper = new Stepper(execution);
        if (event instanceof Event.Redriven) {
            stepper.redrive();
        } else if (execution.outcome == null) {
            stepper.apply(event);
        }
        return stepper.drain();
    }

    /** The work of one step: its queue of runs to advance and what it produced. */
    private final class Stepper {
        private final Execution ex;
        private final List<Command> commands = new ArrayList<>();
        private final List<HistoryEntry> history = new ArrayList<>();
        final Deque<Run> queue = new ArrayDeque<>();

        Stepper(Execution execution) {
            this.ex = execution;
        }

        void apply(Event event) {
            if (event instanceof Event.TaskSucceeded ok) {
                answer(ok.taskId(), new Run.TaskAnswer(ok.output(), null, null));
            } else if (event instanceof Event.TaskFailed failed) {
                answer(failed.taskId(), new Run.TaskAnswer(null, failed.error() == null ? "States.TaskFailed" : failed.error(),
                        failed.cause()));
            } else {
                fired(((Event.TimerFired) event).timerId());
            }
        }

        /**
         * Runs the execution again from where it stopped: each run that failed, was cancelled or (an
         * execution aborted from outside) still waits enters its state afresh; a Parallel or Map keeps
         * the results of its children that succeeded and runs only the others again. Retry counts start
         * over, and so does the execution's TimeoutSeconds.
         */
        void redrive() {
            ex.outcome = null;
            if (machine.timeoutSeconds() != null) {
                if (ex.executionTimer != null) {
                    cancelTimer(ex.executionTimer);
                }
                ex.executionTimer = startTimer(null, ex.now.plusSeconds(machine.timeoutSeconds()), TimerPurpose.EXECUTION_TIMEOUT);
            }
            reopen(ex.root);
        }

        private void reopen(Run run) {
            run.finished = false;
            stopWaiting(run, "redriven");
            run.retryPending = false;
            run.resume = null;
            State state = run.scope.state(run.state);
            Fanout fanout = run.fanout;
            if (fanout == null || !(state instanceof State.Parallel || state instanceof State.Map)) {
                run.entered = false;
                run.fanout = null;
                queue.add(run);
                return;
            }
            run.retries = new int[state.common().retry().size()];
            run.totalRetries = 0;
            fanout.reopen();
            if (state instanceof State.Parallel) {
                relaunch(run);
            }
            wake(run, PROGRESS); // a Map launches the children to run again as its concurrency allows
        }

        /** Starts the children of {@code parent} that a redrive runs again, as many as its limit allows. */
        private void relaunch(Run parent) {
            Fanout fanout = parent.fanout;
            while (!fanout.redo.isEmpty() && fanout.active.size() < fanout.limit) {
                Run again = fanout.redo.poll();
                fanout.active.add(again);
                reopen(again);
            }
        }

        private void answer(String taskId, Run.TaskAnswer answer) {
            Run run = ex.taskOwners.remove(taskId);
            if (run == null) {
                return;
            }
            ex.openCalls.remove(taskId);
            run.pendingTask = null;
            if (run.taskTimer != null) {
                cancelTimer(run.taskTimer);
                run.taskTimer = null;
            }
            wake(run, answer);
        }

        private void fired(String timerId) {
            ex.openTimers.remove(timerId);
            if (timerId.equals(ex.executionTimer)) {
                ex.executionTimer = null;
                cancel(ex.root, "stopped: the execution timed out");
                finish(new Outcome(Outcome.Status.TIMED_OUT, null, "States.Timeout",
                        "The execution ran longer than its TimeoutSeconds (" + machine.timeoutSeconds() + ")"));
                return;
            }
            Run run = ex.timerOwners.remove(timerId);
            if (run == null) {
                return;
            }
            if (timerId.equals(run.taskTimer)) {
                run.taskTimer = null;
                forgetCall(run, "timed out");
                wake(run, new Run.Failure("States.Timeout", "Task timed out"));
            } else if (timerId.equals(run.pendingTimer)) {
                run.pendingTimer = null;
                wake(run, run.retryPending ? Run.Wake.RETRY_DUE : Run.Wake.WAIT_OVER);
                run.retryPending = false;
            }
        }

        private void wake(Run run, Object why) {
            run.resume = why;
            queue.add(run);
        }

        Step drain() {
            while (!queue.isEmpty() && ex.outcome == null) {
                advance(queue.poll());
            }
            return new Step(commands, history);
        }

        // ---- the state loop -------------------------------------------------------------------------

        private sealed interface Result {
        }

        private record Go(JsonNode output, String next, Map<String, JsonNode> assigned) implements Result {
        }

        private record Failed(String error, String cause) implements Result {
        }

        private record Blocked() implements Result {
        }

        private final Blocked blocked = new Blocked();

        private void advance(Run run) {
            while (!run.finished && ex.outcome == null) {
                State state = run.scope.state(run.state);
                Object wake = run.resume;
                run.resume = null;
                Result result;
                try {
                    if (wake == null) {
                        if (run.entered) {
                            return; // still waiting: woken twice in one step
                        }
                        run.entered = true;
                        run.enteredAt = ex.now;
                        run.retries = new int[state.common().retry().size()];
                        run.totalRetries = 0;
                        history.add(new HistoryEntry.StateEntered(run.id, run.state, run.input, ex.now));
                        result = enter(run, state);
                    } else {
                        result = resume(run, state, wake);
                    }
                } catch (PathFailure failure) {
                    result = new Failed(failure.error(), failure.cause());
                }
                if (result instanceof Failed && run.fanout != null) {
                    // a Parallel or Map that fails, by a child or by itself (an ItemSelector that cannot be
                    // evaluated while iterations run), stops its children before a Retry or Catch: no call
                    // of theirs is made after it, and none of them reports into a later fan-out of this run
                    stopChildren(run, state);
                }
                if (result instanceof Failed failed) {
                    result = recover(run, state, failed);
                }
                if (result instanceof Blocked) {
                    return;
                }
                if (result instanceof Failed failed) {
                    history.add(new HistoryEntry.StateFailed(run.id, run.state, failed.error(), failed.cause(), null, ex.now));
                    ended(run, null, failed);
                    return;
                }
                Go go = (Go) result;
                run.variables.putAll(go.assigned());
                history.add(new HistoryEntry.StateExited(run.id, run.state, go.output(), ex.now));
                run.entered = false;
                run.fanout = null;
                if (go.next() == null) {
                    ended(run, go.output(), null);
                    return;
                }
                run.state = go.next();
                run.input = go.output();
            }
        }

        private Result enter(Run run, State state) {
            StateCommon c = state.common();
            StateContext scope = new StateContext(ex, run, run.input);
            JsonNode raw = run.input;
            if (state instanceof State.Pass pass) {
                if (c.jsonata()) {
                    return new Go(DataFlow.passThrough(c, raw, raw, scope), c.next(), DataFlow.assign(c.assign(), true, raw, scope));
                }
                JsonNode effective = DataFlow.effectiveInput(c, raw, scope);
                JsonNode result = pass.result() != null ? pass.result() : effective;
                Map<String, JsonNode> assigned = DataFlow.assign(c.assign(), false, result, scope);
                return new Go(DataFlow.output(c, raw, result, scope), c.next(), assigned);
            }
            if (state instanceof State.Task task) {
                // a callback task's id comes first: its token, made from the id, may be in its input ($$.Task.Token)
                String taskId = task.callback() ? ex.nextId("task") : null;
                String token = taskId == null ? null : TaskTokens.token(ex.secret, taskId);
                if (token != null) {
                    scope.withTaskToken(token);
                }
                JsonNode effective = DataFlow.effectiveInput(c, raw, scope);
                long timeout = secondsMillis("TimeoutSeconds", task.timeoutSeconds(), task.timeoutSecondsPath(), raw, scope);
                long heartbeat = secondsMillis("HeartbeatSeconds", task.heartbeatSeconds(), task.heartbeatSecondsPath(),
                        raw, scope);
                if (taskId == null) {
                    taskId = ex.nextId("task");
                }
                Command.InvokeTask call = new Command.InvokeTask(taskId, ex.id, run.state, task.resource(), effective,
                        run.totalRetries + 1, timeout, token, heartbeat);
                ex.taskOwners.put(taskId, run);
                ex.openCalls.put(taskId, call);
                run.pendingTask = taskId;
                commands.add(call);
                if (timeout > 0 && !call.callback()) {
                    run.taskTimer = startTimer(run, ex.now.plusMillis(timeout), TimerPurpose.TASK_TIMEOUT);
                }
                return blocked;
            }
            if (state instanceof State.Choice choice) {
                return choose(run, choice, raw, scope);
            }
            if (state instanceof State.Wait wait) {
                JsonNode effective = c.jsonata() ? raw : DataFlow.inputPath(c, raw, scope);
                run.pendingTimer = startTimer(run, waitUntil(wait, effective, scope), TimerPurpose.WAIT);
                return blocked;
            }
            if (state instanceof State.Succeed) {
                JsonNode effective = c.jsonata() ? raw : DataFlow.inputPath(c, raw, scope);
                return new Go(DataFlow.passThrough(c, raw, effective, scope), null, Map.of());
            }
            if (state instanceof State.Fail fail) {
                return failState(fail, raw, scope);
            }
            if (state instanceof State.Parallel parallel) {
                JsonNode effective = DataFlow.effectiveInput(c, raw, scope);
                run.fanout = new Fanout(parallel.branches().size(), 0, null, null, null);
                for (int i = 0; i < parallel.branches().size(); i++) {
                    StateMachine branch = parallel.branches().get(i);
                    launch(run, new Run(run.id + "/" + run.state + "[" + i + "]", branch, run, i,
                            new Variables(run.variables), branch.startAt(), effective));
                }
                return blocked;
            }
            return startMap(run, (State.Map) state, raw, scope);
        }

        private Result resume(Run run, State state, Object wake) {
            StateCommon c = state.common();
            StateContext scope = new StateContext(ex, run, run.input);
            if (wake instanceof Run.TaskAnswer answer) {
                if (answer.error() != null) {
                    return new Failed(answer.error(), answer.cause());
                }
                return succeeded(run, c, answer.output() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                        : answer.output(), scope);
            }
            if (wake instanceof Run.Failure failure) {
                return new Failed(failure.error(), failure.cause());
            }
            if (wake == Run.Wake.RETRY_DUE) {
                return enter(run, state);
            }
            if (wake == Run.Wake.WAIT_OVER) {
                JsonNode effective = c.jsonata() ? run.input : DataFlow.inputPath(c, run.input, scope);
                return new Go(DataFlow.passThrough(c, run.input, effective, scope), c.next(),
                        DataFlow.assign(c.assign(), c.jsonata(), effective, scope));
            }
            // PROGRESS: a branch or iteration ended
            Fanout fanout = run.fanout;
            if (fanout == null) {
                return blocked;
            }
            if (fanout.over) {
                // its children were stopped when it went over (ended); the fanout stays (a Retry or Catch
                // drops it): a redrive runs its unsuccessful children again
                return new Failed(fanout.failure.error(), fanout.failure.cause());
            }
            if (fanout.complete()) {
                return succeeded(run, c, fanout.results(), scope);
            }
            if (state instanceof State.Map map) {
                launchIterations(run, map, scope);
            }
            return blocked;
        }

        /** A Task, Parallel or Map produced {@code result}: ResultSelector, ResultPath, OutputPath (or Output), Assign. */
        private Result succeeded(Run run, StateCommon c, JsonNode result, StateContext scope) {
            scope.withResult(result);
            JsonNode selected = DataFlow.selectedResult(c, result, scope);
            Map<String, JsonNode> assigned = DataFlow.assign(c.assign(), c.jsonata(), selected, scope);
            return new Go(DataFlow.output(c, run.input, selected, scope), c.next(), assigned);
        }

        private Result choose(Run run, State.Choice choice, JsonNode raw, StateContext scope) {
            StateCommon c = choice.common();
            JsonNode effective = c.jsonata() ? raw : DataFlow.inputPath(c, raw, scope);
            for (ChoiceRule rule : choice.choices()) {
                if (Choices.holds(rule, effective, scope)) {
                    JsonNode assign = rule.assign() != null ? rule.assign() : c.assign();
                    Map<String, JsonNode> assigned = DataFlow.assign(assign, c.jsonata(), effective, scope);
                    JsonNode output = c.jsonata() && rule.output() != null
                            ? DataFlow.undefinedAsNull(JsonataTemplates.evaluate(rule.output(), scope))
                            : DataFlow.passThrough(c, raw, effective, scope);
                    return new Go(output, rule.next(), assigned);
                }
            }
            if (choice.defaultNext() == null) {
                return new Failed("States.NoChoiceMatched", "No Choice Rules matched the input of state '" + c.name() + "'");
            }
            return new Go(DataFlow.passThrough(c, raw, effective, scope), choice.defaultNext(),
                    DataFlow.assign(c.assign(), c.jsonata(), effective, scope));
        }

        private Result failState(State.Fail fail, JsonNode raw, StateContext scope) {
            boolean jsonata = fail.common().jsonata();
            String error = failText(fail.error(), fail.errorPath(), jsonata, raw, scope);
            String cause = failText(fail.cause(), fail.causePath(), jsonata, raw, scope);
            return new Failed(error, cause);
        }

        private String failText(JsonNode literal, String path, boolean jsonata, JsonNode raw, StateContext scope) {
            JsonNode value = literal;
            if (jsonata && literal != null) {
                value = JsonataTemplates.evaluate(literal, scope);
            } else if (path != null) {
                value = Intrinsics.isCall(path) ? Intrinsics.parse(path).evaluate(raw, scope)
                        : JsonPaths.read(path, raw, scope, "States.Runtime");
            }
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new PathFailure("States.Runtime", "ErrorPath and CausePath must select a string, got " + value);
            }
            return value.textValue();
        }

        private Result startMap(Run run, State.Map map, JsonNode raw, StateContext scope) {
            StateCommon c = map.common();
            JsonNode effective;
            JsonNode items;
            if (c.jsonata()) {
                effective = raw;
                items = map.items() == null ? raw : JsonataTemplates.evaluate(map.items(), scope);
                if (!(items instanceof ArrayNode)) {
                    throw new PathFailure(JsonataTemplates.FAILURE, "The Items of Map state '" + c.name()
                            + "' must be an array, got " + items);
                }
            } else {
                effective = DataFlow.inputPath(c, raw, scope);
                items = JsonPaths.read(map.itemsPath(), effective, scope, "States.Runtime");
                if (!(items instanceof ArrayNode)) {
                    throw new PathFailure("States.Runtime", "The ItemsPath '" + map.itemsPath() + "' of Map state '" + c.name()
                            + "' must select an array, got " + abbreviated(items));
                }
            }
            run.effective = effective;
            int limit = map.maxConcurrency() > 0 ? map.maxConcurrency() : options.mapConcurrency();
            run.fanout = new Fanout(items.size(), limit, (ArrayNode) items, map.toleratedFailureCount(),
                    map.toleratedFailurePercentage());
            if (items.isEmpty()) {
                return succeeded(run, c, run.fanout.results(), scope);
            }
            launchIterations(run, map, scope);
            return blocked;
        }

        private void launchIterations(Run run, State.Map map, StateContext scope) {
            Fanout fanout = run.fanout;
            relaunch(run);
            while (fanout.canLaunch() && fanout.launched < fanout.size) {
                int index = fanout.launched;
                JsonNode item = fanout.items.get(index);
                JsonNode input = item;
                if (map.itemSelector() != null) {
                    scope.withItem(index, item);
                    input = map.common().jsonata() ? DataFlow.undefinedAsNull(JsonataTemplates.evaluate(map.itemSelector(), scope))
                            : io.edakit.workflow.path.PayloadTemplate.apply(map.itemSelector(), run.effective, scope,
                            "States.ParameterPathFailure");
                }
                StateMachine processor = map.processor();
                launch(run, new Run(run.id + "/" + run.state + "[" + index + "]", processor, run, index,
                        new Variables(run.variables), processor.startAt(), input));
            }
        }

        private void launch(Run parent, Run child) {
            parent.fanout.launched++;
            parent.fanout.active.add(child);
            queue.add(child);
        }

        /** A run reached its end: the execution's, or one branch's / iteration's, reported to its parent. */
        private void ended(Run run, JsonNode output, Failed failure) {
            run.finished = true;
            if (run.parent == null) {
                finish(failure == null ? new Outcome(Outcome.Status.SUCCEEDED, output, null, null)
                        : new Outcome(Outcome.Status.FAILED, null, failure.error(), failure.cause()));
                return;
            }
            Fanout fanout = run.parent.fanout;
            if (fanout == null || fanout.over) {
                return;
            }
            if (failure != null) {
                fanout.unsuccessful.add(run);
            }
            if (failure == null) {
                fanout.ended(run, output);
            } else if (fanout.items == null) {
                fanout.ended(run, null);
                fanout.fail(failure.error(), failure.cause()); // Parallel: one failed branch fails the state
            } else {
                fanout.failures++;
                fanout.ended(run, DataFlow.errorOutput(failure.error(), failure.cause()));
                if (fanout.failuresExceeded()) {
                    if (fanout.toleranceSet) {
                        fanout.fail("States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold "
                                + "was exceeded: " + fanout.failures + " of " + fanout.size + " iterations failed");
                    } else {
                        fanout.fail(failure.error(), failure.cause());
                    }
                }
            }
            if (fanout.over) {
                // at once, not when the parent's turn comes: siblings queued in this step would make calls first
                stopChildren(run.parent, run.parent.scope.state(run.parent.state));
            }
            wake(run.parent, PROGRESS);
        }

        /** Stops the branches or iterations of {@code parent}'s fan-out that still run (its state failed). */
        private void stopChildren(Run parent, State state) {
            String reason = "stopped: " + (state instanceof State.Map ? "Map" : "Parallel") + " '" + parent.state + "' failed";
            new ArrayList<>(parent.fanout.active).forEach(child -> cancel(child, reason));
        }

        /** Retry, else Catch, else the failure stands. */
        private Result recover(Run run, State state, Failed failed) {
            StateCommon c = state.common();
            if (ErrorMatching.terminal(failed.error())) {
                return failed;
            }
            List<Retrier> retriers = c.retry();
            for (int i = 0; i < retriers.size(); i++) {
                Retrier retrier = retriers.get(i);
                if (!ErrorMatching.matches(retrier.errorEquals(), failed.error())) {
                    continue;
                }
                if (run.retries[i] >= retrier.maxAttempts()) {
                    break; // the first matching retrier decides; exhausted, it is Catch's turn
                }
                run.retries[i]++;
                run.totalRetries++;
                long delay = retrier.baseDelayMillis(run.retries[i]);
                if (retrier.fullJitter()) {
                    delay = (long) (ex.random.nextDouble() * delay);
                }
                run.fanout = null;
                run.retryPending = true;
                run.pendingTimer = startTimer(run, ex.now.plusMillis(delay), TimerPurpose.RETRY_BACKOFF);
                history.add(new HistoryEntry.StateRetrying(run.id, run.state, failed.error(), run.retries[i], delay, ex.now));
                return blocked;
            }
            for (Catcher catcher : c.catchers()) {
                if (!ErrorMatching.matches(catcher.errorEquals(), failed.error())) {
                    continue;
                }
                JsonNode errorOutput = DataFlow.errorOutput(failed.error(), failed.cause());
                StateContext scope = new StateContext(ex, run, run.input).withErrorOutput(errorOutput);
                try {
                    JsonNode output = c.jsonata()
                            ? (catcher.output() == null ? errorOutput
                            : DataFlow.undefinedAsNull(JsonataTemplates.evaluate(catcher.output(), scope)))
                            : DataFlow.resultPath(catcher.resultPath(), run.input, errorOutput);
                    Map<String, JsonNode> assigned = DataFlow.assign(catcher.assign(), c.jsonata(), errorOutput, scope);
                    history.add(new HistoryEntry.StateFailed(run.id, run.state, failed.error(), failed.cause(),
                            catcher.next(), ex.now));
                    return new Go(output, catcher.next(), assigned);
                } catch (PathFailure e) {
                    return new Failed(e.error(), e.cause());
                }
            }
            return failed;
        }

        // ---- calls and timers -----------------------------------------------------------------------

        /** TimeoutSeconds or HeartbeatSeconds of a Task (literal, path or JSONata) in milliseconds; 0 when not set. */
        private long secondsMillis(String field, JsonNode literal, String path, JsonNode raw, StateContext scope) {
            JsonNode seconds = literal;
            if (path != null) {
                seconds = JsonPaths.read(path, raw, scope, "States.Runtime");
            } else if (seconds != null && seconds.isTextual()) {
                seconds = JsonataTemplates.evaluate(seconds, scope);
            }
            if (seconds == null) {
                return 0;
            }
            if (!seconds.isIntegralNumber() || seconds.longValue() < 1) {
                throw new PathFailure("States.Runtime", field + " must be a positive integer, got " + seconds);
            }
            return Duration.ofSeconds(seconds.longValue()).toMillis();
        }

        private Instant waitUntil(State.Wait wait, JsonNode effective, StateContext scope) {
            JsonNode seconds = wait.seconds();
            JsonNode timestamp = wait.timestamp();
            if (wait.secondsPath() != null) {
                seconds = JsonPaths.read(wait.secondsPath(), effective, scope, "States.Runtime");
            } else if (wait.timestampPath() != null) {
                timestamp = JsonPaths.read(wait.timestampPath(), effective, scope, "States.Runtime");
            } else if (wait.common().jsonata()) {
                seconds = seconds == null ? null : JsonataTemplates.evaluate(seconds, scope);
                timestamp = timestamp == null ? null : JsonataTemplates.evaluate(timestamp, scope);
            }
            String error = wait.common().jsonata() ? JsonataTemplates.FAILURE : "States.Runtime";
            if (seconds != null) {
                if (!seconds.isIntegralNumber() || seconds.longValue() < 0) {
                    throw new PathFailure(error, "The Wait seconds must be a non-negative integer, got " + seconds);
                }
                return ex.now.plusSeconds(seconds.longValue());
            }
            Instant at = timestamp != null && timestamp.isTextual() ? Timestamps.parse(timestamp.textValue()) : null;
            if (at == null) {
                throw new PathFailure(error, "The Wait timestamp must be an RFC 3339 timestamp, got " + timestamp);
            }
            return at;
        }

        String startTimer(Run owner, Instant fireAt, TimerPurpose purpose) {
            String timerId = ex.nextId("timer");
            Command.StartTimer timer = new Command.StartTimer(timerId, fireAt, purpose);
            ex.openTimers.put(timerId, timer);
            if (owner != null) {
                ex.timerOwners.put(timerId, owner);
            }
            commands.add(timer);
            return timerId;
        }

        private void cancelTimer(String timerId) {
            ex.timerOwners.remove(timerId);
            if (ex.openTimers.remove(timerId) != null) {
                commands.add(new Command.CancelTimer(timerId));
            }
        }

        private void forgetCall(Run run, String reason) {
            if (run.pendingTask != null) {
                ex.taskOwners.remove(run.pendingTask);
                ex.openCalls.remove(run.pendingTask);
                commands.add(new Command.CancelTask(run.pendingTask, run.state, reason));
                run.pendingTask = null;
            }
        }

        /** The run no longer waits: its call is forgotten, its timers are cancelled. */
        private void stopWaiting(Run run, String reason) {
            forgetCall(run, reason);
            if (run.taskTimer != null) {
                cancelTimer(run.taskTimer);
                run.taskTimer = null;
            }
            if (run.pendingTimer != null) {
                cancelTimer(run.pendingTimer);
                run.pendingTimer = null;
            }
        }

        /**
         * Stops a run and everything under it: its call forgotten, its timers cancelled, and (if it was in
         * a state) a {@link HistoryEntry.StateAborted}, innermost first. A run launched in this step and
         * not yet advanced just never starts.
         */
        private void cancel(Run run, String reason) {
            if (run.finished) {
                return;
            }
            run.finished = true;
            stopWaiting(run, reason);
            if (run.fanout != null) {
                new ArrayList<>(run.fanout.active).forEach(child -> cancel(child, reason));
            }
            if (run.entered) {
                history.add(new HistoryEntry.StateAborted(run.id, run.state, reason, ex.now));
            }
        }

        private void finish(Outcome outcome) {
            if (ex.executionTimer != null) {
                cancelTimer(ex.executionTimer);
                ex.executionTimer = null;
            }
            ex.outcome = outcome;
            commands.add(new Command.Finish(outcome));
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
