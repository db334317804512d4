package io.edakit.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Execution;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.Outcome;
import io.edakit.workflow.engine.Step;
import io.edakit.workflow.test.InMemoryRunner;
import io.edakit.workflow.test.Mocks;

/** Scopes within scopes, whole-state retries of Parallel and Map, and timeouts reaching into them. */
class NestingAndTimeoutsTest {

    @Test
    void parallelInsideMapInsideParallel() {
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'Outer','States':{'Outer':{'Type':'Parallel','End':true,'Branches':[
                  {'StartAt':'Each','States':{'Each':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'Both','States':{
                    'Both':{'Type':'Parallel','End':true,'Branches':[
                      {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','End':true}}},
                      {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'twice.$':'States.MathAdd($, $)'},'End':true}}}]}}}}}},
                  {'StartAt':'Count','States':{'Count':{'Type':'Pass','Parameters':{'n.$':'States.ArrayLength($)'},'End':true}}}]}}}""",
                "[1,2]", new Mocks().succeed("T", Asl.json("'t'")));
        assertThat(report.outcome().output()).isEqualTo(Asl.json("[[['t',{'twice':2}],['t',{'twice':4}]],{'n':2}]"));
        assertThat(report.states()).extracting(InMemoryRunner.StateRun::run).contains("/Outer[0]/Each[1]/Both[0]");
    }

    @Test
    void retryingAMapRunsAllItsIterationsAgain() {
        // Retry on a Map or Parallel re-runs the whole state
        Mocks mocks = new Mocks().fail("T", "Flaky", null).succeed("T", Asl.json("'ok'"));
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':1,'End':true,
                  'Retry':[{'ErrorEquals':['Flaky'],'IntervalSeconds':5}],
                  'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','End':true}}}}}}""", "[1,2,3]", mocks);
        assertThat(report.outcome().output()).isEqualTo(Asl.json("['ok','ok','ok']"));
        assertThat(mocks.calls("T")).isEqualTo(4);
        assertThat(report.virtualTime().toSeconds()).isEqualTo(5);
    }

    @Test
    void executionTimeoutStopsEveryIterationInFlight() {
        Interpreter interpreter = new Interpreter(Asl.machine("""
                {'TimeoutSeconds':10,'StartAt':'M','States':{'M':{'Type':'Map','End':true,
                  'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','End':true}}}}}}"""));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Execution execution = Execution.create("e", Asl.json("[1,2,3]"), t0);
        Step first = interpreter.start(execution);
        Command.StartTimer timeout = (Command.StartTimer) first.commands().get(0);
        assertThat(timeout.purpose()).isEqualTo(Command.TimerPurpose.EXECUTION_TIMEOUT);
        assertThat(execution.pendingTasks()).hasSize(3);
        Step fired = interpreter.handle(execution, new io.edakit.workflow.engine.Event.TimerFired(timeout.timerId()),
                t0.plusSeconds(10));
        assertThat(fired.commands()).filteredOn(Command.CancelTask.class::isInstance).hasSize(3);
        assertThat(execution.outcome().status()).isEqualTo(Outcome.Status.TIMED_OUT);
        assertThat(execution.pendingTasks()).isEmpty();
        assertThat(execution.pendingTimers()).isEmpty();
    }

    @Test
    void timeoutSecondsPathReadsTheStateInput() {
        Interpreter interpreter = new Interpreter(Asl.machine("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','TimeoutSecondsPath':'$.limit','End':true}}}"""));
        Execution execution = Execution.create("e", Asl.json("{'limit':7}"), Instant.EPOCH);
        Step first = interpreter.start(execution);
        assertThat(((Command.InvokeTask) first.commands().get(0)).timeoutMillis()).isEqualTo(7000);
        assertThat(((Command.StartTimer) first.commands().get(1)).fireAt()).isEqualTo(Instant.EPOCH.plusSeconds(7));
    }

    @Test
    void jsonPathVariablesFromAssign() {
        // JSONPath states read variables as $name (and $name.field); Choice rules may Assign
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'T','States':{
                  'T':{'Type':'Task','Resource':'x','Assign':{'customer.$':'$.customer','fixed':'v'},'ResultPath':null,'Next':'C'},
                  'C':{'Type':'Choice','Choices':[{'Variable':'$customer.tier','StringEquals':'gold','Assign':{'lane':'fast'},'Next':'P'}],
                       'Default':'P'},
                  'P':{'Type':'Pass','Parameters':{'name.$':'$customer.name','lane.$':'$lane','fixed.$':'$fixed'},'End':true}}}""",
                "{}", new Mocks().succeed("T", Asl.json("{'customer':{'name':'Ada','tier':'gold'}}")));
        assertThat(report.outcome().output()).isEqualTo(Asl.json("{'name':'Ada','lane':'fast','fixed':'v'}"));
    }
}
