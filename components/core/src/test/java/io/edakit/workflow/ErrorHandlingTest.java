package io.edakit.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Event;
import io.edakit.workflow.engine.Execution;
import io.edakit.workflow.engine.HistoryEntry;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.Outcome;
import io.edakit.workflow.engine.Step;
import io.edakit.workflow.test.InMemoryRunner;
import io.edakit.workflow.test.Mocks;

/** ASL "Errors": Retry (intervals, backoff, MaxDelaySeconds, jitter), Catch and its error object, error-name matching, timeouts. */
class ErrorHandlingTest {

    private static InMemoryRunner.Report runWithHistory(String definition, Mocks mocks) {
        return new InMemoryRunner(new Interpreter(Asl.machine(definition)), mocks, InMemoryRunner.Trace.ALL, true)
                .run(Asl.json("{'in':1}"));
    }

    private static List<Long> retryDelays(InMemoryRunner.Report report) {
        return report.history().stream().filter(HistoryEntry.StateRetrying.class::isInstance)
                .map(e -> ((HistoryEntry.StateRetrying) e).delayMillis()).toList();
    }

    private static String task(String retry, String extra) {
        return "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:lambda:x','Retry':[" + retry + "]" + extra
                + ",'End':true}" + (extra.contains("Catch") ? ",'Handler':{'Type':'Pass','End':true}" : "") + "}}";
    }

    @Test
    void retryIntervalsGrowByBackoffRate() {
        // "IntervalSeconds before the first retry, multiplied by BackoffRate for each next one; MaxAttempts retries"
        Mocks mocks = new Mocks().fail("T", "Busy", null).fail("T", "Busy", null).fail("T", "Busy", null)
                .succeed("T", Asl.json("'done'"));
        InMemoryRunner.Report report = runWithHistory(task(
                "{'ErrorEquals':['Busy'],'IntervalSeconds':2,'BackoffRate':3,'MaxAttempts':3}", ""), mocks);
        assertThat(report.outcome().output().textValue()).isEqualTo("done");
        assertThat(retryDelays(report)).containsExactly(2000L, 6000L, 18000L);
        assertThat(report.virtualTime().toSeconds()).isEqualTo(26);
    }

    @Test
    void retryDefaultsAreOneSecondTimesTwoThreeAttempts() {
        // "defaults: IntervalSeconds 1, BackoffRate 2.0, MaxAttempts 3"; then the error stands
        InMemoryRunner.Report report = runWithHistory(task("{'ErrorEquals':['States.ALL']}", ""),
                new Mocks().fail("T", "Boom", "it broke"));
        assertThat(retryDelays(report)).containsExactly(1000L, 2000L, 4000L);
        assertThat(report.outcome().error()).isEqualTo("Boom");
        assertThat(report.outcome().cause()).isEqualTo("it broke");
        assertThat(report.taskCalls()).isEqualTo(4);
    }

    @Test
    void maxDelaySecondsCapsTheInterval() {
        // "MaxDelaySeconds: the interval never exceeds this many seconds"
        InMemoryRunner.Report report = runWithHistory(task(
                "{'ErrorEquals':['States.ALL'],'IntervalSeconds':3,'BackoffRate':4,'MaxAttempts':4,'MaxDelaySeconds':20}", ""),
                new Mocks().fail("T", "X", null));
        assertThat(retryDelays(report)).containsExactly(3000L, 12000L, 20000L, 20000L);
    }

    @Test
    void fullJitterDrawsBetweenZeroAndTheInterval() {
        // "JitterStrategy FULL: each interval is a random value between 0 and the computed interval"
        InMemoryRunner.Report report = runWithHistory(task(
                "{'ErrorEquals':['States.ALL'],'IntervalSeconds':10,'BackoffRate':2,'MaxAttempts':6,'MaxDelaySeconds':100,"
                        + "'JitterStrategy':'FULL'}", ""), new Mocks().fail("T", "X", null));
        List<Long> delays = retryDelays(report);
        long[] bounds = {10_000, 20_000, 40_000, 80_000, 100_000, 100_000};
        assertThat(delays).hasSize(6);
        for (int i = 0; i < delays.size(); i++) {
            assertThat(delays.get(i)).isBetween(0L, bounds[i]);
        }
        assertThat(delays).isNotEqualTo(List.of(10_000L, 20_000L, 40_000L, 80_000L, 100_000L, 100_000L));
    }

    @Test
    void maxAttemptsZeroNeverRetries() {
        // "MaxAttempts 0: the error is never retried"
        InMemoryRunner.Report report = runWithHistory(task("{'ErrorEquals':['X'],'MaxAttempts':0}", ""), new Mocks().fail("T", "X", null));
        assertThat(report.taskCalls()).isEqualTo(1);
        assertThat(report.outcome().error()).isEqualTo("X");
    }

    @Test
    void firstMatchingRetrierDecidesAndCountsItsOwnAttempts() {
        // "retriers are tried in order; the first whose ErrorEquals matches applies, with its own attempt count"
        Mocks mocks = new Mocks().fail("T", "A", null).fail("T", "B", null).fail("T", "A", null).fail("T", "A", null);
        InMemoryRunner.Report report = runWithHistory(task(
                "{'ErrorEquals':['A'],'MaxAttempts':2,'IntervalSeconds':1},{'ErrorEquals':['States.ALL'],'MaxAttempts':5,'IntervalSeconds':7}",
                ""), mocks);
        // A (retry 1 of A), B (retry 1 of ALL, 7 s), A (retry 2 of A, 2 s), A: A exhausted -> fails, ALL is not consulted
        assertThat(retryDelays(report)).containsExactly(1000L, 7000L, 2000L);
        assertThat(report.outcome().error()).isEqualTo("A");
    }

    @Test
    void catchGivesTheErrorObjectAtResultPath() {
        // "a Catcher's output is {Error, Cause}, placed at its ResultPath in the state's raw input (default $)"
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','InputPath':'$.sub',
                  'Catch':[{'ErrorEquals':['Nope'],'Next':'N'},{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'H'}],
                  'End':true},'H':{'Type':'Pass','End':true},'N':{'Type':'Fail','Error':'wrong catcher'}}}""",
                "{'sub':{'a':1},'keep':true}", new Mocks().fail("T", "Payment.Declined", "card expired"));
        assertThat(report.outcome().output()).isEqualTo(Asl.json(
                "{'sub':{'a':1},'keep':true,'error':{'Error':'Payment.Declined','Cause':'card expired'}}"));
    }

    @Test
    void catchWithoutResultPathOutputsTheErrorObject() {
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x',
                  'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'H'}],'End':true},'H':{'Type':'Pass','End':true}}}""",
                "{}", new Mocks().fail("T", "Custom", "c"));
        assertThat(report.outcome().output()).isEqualTo(Asl.json("{'Error':'Custom','Cause':'c'}"));
    }

    @Test
    void retryBeforeCatch() {
        // "when both apply, Retry runs first; Catch only after the retries are used up"
        InMemoryRunner.Report report = runWithHistory(task("{'ErrorEquals':['X'],'MaxAttempts':1}",
                ",'Catch':[{'ErrorEquals':['X'],'Next':'Handler'}]"), new Mocks().fail("T", "X", null));
        assertThat(report.taskCalls()).isEqualTo(2);
        assertThat(report.outcome().succeeded()).isTrue();
    }

    @Test
    void taskFailedMatchesAnyErrorButTimeout() {
        // "States.TaskFailed in Retry/Catch matches any known error name except States.Timeout"
        String definition = """
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x',
                  'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'H'}],'End':true},'H':{'Type':'Pass','End':true}}}""";
        assertThat(Asl.run(definition, "{}", new Mocks().fail("T", "Anything", null)).outcome().succeeded()).isTrue();
        assertThat(Asl.run(definition, "{}", new Mocks().fail("T", "States.Timeout", null)).outcome().error())
                .isEqualTo("States.Timeout");
    }

    @Test
    void statesAllDoesNotCatchRuntime() {
        // "States.ALL ... cannot catch the States.Runtime error type" (terminal)
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','OutputPath':'$.missing',
                  'Retry':[{'ErrorEquals':['States.ALL']}],
                  'Catch':[{'ErrorEquals':['States.ALL'],'Next':'H'}],'End':true},'H':{'Type':'Pass','End':true}}}""",
                "{}", new Mocks().succeed("T", Asl.json("{}")));
        assertThat(report.outcome().error()).isEqualTo("States.Runtime");
        assertThat(report.taskCalls()).isEqualTo(1);
    }

    @Test
    void taskTimeoutSecondsFailsWithStatesTimeoutAndIgnoresTheLateAnswer() {
        // "TimeoutSeconds: if the task runs longer, the state fails with States.Timeout"
        Interpreter interpreter = new Interpreter(Asl.machine("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','TimeoutSeconds':5,
                  'Catch':[{'ErrorEquals':['States.Timeout'],'Next':'H'}],'End':true},'H':{'Type':'Pass','End':true}}}"""));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Execution execution = Execution.create("e", Asl.json("{}"), t0);
        Step first = interpreter.start(execution);
        Command.InvokeTask call = (Command.InvokeTask) first.commands().get(0);
        Command.StartTimer timeout = (Command.StartTimer) first.commands().get(1);
        assertThat(call.timeoutMillis()).isEqualTo(5000);
        assertThat(timeout.purpose()).isEqualTo(Command.TimerPurpose.TASK_TIMEOUT);
        assertThat(timeout.fireAt()).isEqualTo(t0.plusSeconds(5));
        Step fired = interpreter.handle(execution, new Event.TimerFired(timeout.timerId()), t0.plusSeconds(5));
        assertThat(fired.commands()).contains(new Command.CancelTask(call.taskId(), call.state(), "timed out"));
        assertThat(execution.outcome().output()).isEqualTo(Asl.json("{'Error':'States.Timeout','Cause':'Task timed out'}"));
        assertThat(interpreter.handle(execution, new Event.TaskSucceeded(call.taskId(), Asl.json("1")), t0.plusSeconds(6))
                .commands()).isEmpty();
    }

    @Test
    void executionTimeoutSecondsTimesTheExecutionOut() {
        // top-level "TimeoutSeconds: the execution fails with States.Timeout when it runs longer"
        InMemoryRunner.Report report = Asl.run("""
                {'TimeoutSeconds':60,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':3600,'End':true}}}""", "{}");
        assertThat(report.outcome().status()).isEqualTo(Outcome.Status.TIMED_OUT);
        assertThat(report.outcome().error()).isEqualTo("States.Timeout");
        assertThat(report.virtualTime().toSeconds()).isEqualTo(60);
    }

    @Test
    void failStateErrorAndCauseFromPaths() {
        // Fail: Error/Cause, or ErrorPath/CausePath (a path or an intrinsic function) on the state input
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'F','States':{'F':{'Type':'Fail','ErrorPath':'$.code',
                  'CausePath':'States.Format(`order {} refused`, $.id)'}}}""", "{'code':'Order.Refused','id':7}");
        assertThat(report.outcome().error()).isEqualTo("Order.Refused");
        assertThat(report.outcome().cause()).isEqualTo("order 7 refused");
    }

    @Test
    void taskInvokerExceptionIsTaskFailed() {
        // an answer without an error name is States.TaskFailed, with the exception's message as cause
        InMemoryRunner.Report report = new InMemoryRunner(Asl.machine("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','End':true}}}"""),
                call -> CompletableFuture.failedFuture(new IllegalStateException("connection refused"))).run(Asl.json("{}"));
        assertThat(report.outcome().error()).isEqualTo("States.TaskFailed");
        assertThat(report.outcome().cause()).isEqualTo("connection refused");
    }
}
