package io.edakit.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Event;
import io.edakit.workflow.engine.Execution;
import io.edakit.workflow.engine.HistoryEntry;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.Step;
import io.edakit.workflow.test.InMemoryRunner;
import io.edakit.workflow.test.Mocks;

/** ASL "Parallel State" and "Map State": outputs, failure, MaxConcurrency, tolerated failures, ItemSelector. */
class ParallelMapTest {

    @Test
    void parallelOutputIsTheArrayOfBranchOutputsInBranchOrder() {
        // "The output of a Parallel state is an array with one element per branch, in the order of Branches"
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'P','States':{'P':{'Type':'Parallel','ResultPath':'$.both','End':true,'Branches':[
                  {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'x','End':true}}},
                  {'StartAt':'B','States':{'B':{'Type':'Pass','InputPath':'$.v','End':true}}}]}}}""",
                "{'v':2}", new Mocks().succeed("A", Asl.json("'a'")));
        assertThat(report.outcome().output()).isEqualTo(Asl.json("{'v':2,'both':['a',2]}"));
    }

    @Test
    void aFailedBranchFailsTheParallelWithItsErrorAndStopsTheOthers() {
        // "If any branch fails, the entire Parallel state fails and all its branches are stopped"; the error is the branch's
        Interpreter interpreter = new Interpreter(Asl.machine("""
                {'StartAt':'P','States':{'P':{'Type':'Parallel','Catch':[{'ErrorEquals':['Stock.Out'],'Next':'H'}],'End':true,
                  'Branches':[
                  {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'x','End':true}}},
                  {'StartAt':'B','States':{'B':{'Type':'Task','Resource':'y','End':true}}}]},
                  'H':{'Type':'Pass','End':true}}}"""));
        Execution execution = Execution.create("e", Asl.json("{}"), Instant.EPOCH);
        Step first = interpreter.start(execution);
        assertThat(first.commands()).hasSize(2).allMatch(Command.InvokeTask.class::isInstance);
        String a = ((Command.InvokeTask) first.commands().get(0)).taskId();
        String b = ((Command.InvokeTask) first.commands().get(1)).taskId();
        Step failed = interpreter.handle(execution, new Event.TaskFailed(b, "Stock.Out", "none left"), Instant.EPOCH);
        assertThat(failed.commands()).contains(new Command.CancelTask(a, "A", "stopped: Parallel 'P' failed"));
        assertThat(failed.history()).contains(new HistoryEntry.StateAborted("/P[0]", "A", "stopped: Parallel 'P' failed",
                Instant.EPOCH));
        assertThat(execution.outcome().output()).isEqualTo(Asl.json("{'Error':'Stock.Out','Cause':'none left'}"));
        assertThat(execution.pendingTasks()).isEmpty();
    }

    @Test
    void aBranchFailingInTheStepThatLaunchedItsSiblingsStopsThemBeforeTheirCallsAreMade() {
        // branch A asks for its call and B fails in the same step: A is stopped in that step, its call never made
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[
                  {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'x','End':true}}},
                  {'StartAt':'B','States':{'B':{'Type':'Fail','Error':'B.Failed'}}}]}}}""",
                "{}", new Mocks().succeed("A", Asl.json("'a'")));
        assertThat(report.outcome().error()).isEqualTo("B.Failed");
        assertThat(report.taskCalls()).isZero();
    }

    @Test
    void anItemSelectorFailingWhileIterationsRunStopsThemAndTheCatchIsTaken() {
        // a Map that fails by itself (its ItemSelector for item 2) stops iteration 1 in flight, as one whose
        // iteration failed does; its late answer counts nowhere, in this Map or in the one after the Catch
        Interpreter interpreter = new Interpreter(Asl.machine("""
                {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':2,'Next':'Done',
                  'ItemSelector':{'v.$':'$$.Map.Item.Value.v'},
                  'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','End':true}}},
                  'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'Again'}]},
                  'Again':{'Type':'Map','ItemsPath':'$.items','End':true,
                  'ItemProcessor':{'StartAt':'T2','States':{'T2':{'Type':'Task','Resource':'x','End':true}}}},
                  'Done':{'Type':'Succeed'}}}"""));
        Execution execution = Execution.create("e", Asl.json("{'items':[{'v':1},{'v':2},{'w':3}]}"), Instant.EPOCH);
        interpreter.start(execution);
        List<Command.InvokeTask> first = execution.pendingTasks();
        assertThat(first).extracting(Command.InvokeTask::input).containsExactly(Asl.json("{'v':1}"), Asl.json("{'v':2}"));
        // item 0 ends, so item 2 is launched: its ItemSelector fails the Map
        Step failed = interpreter.handle(execution, new Event.TaskSucceeded(first.get(0).taskId(), Asl.json("0")),
                Instant.EPOCH);
        assertThat(failed.commands()).filteredOn(Command.CancelTask.class::isInstance).containsExactly(
                new Command.CancelTask(first.get(1).taskId(), "T", "stopped: Map 'M' failed"));
        assertThat(failed.history()).filteredOn(HistoryEntry.StateAborted.class::isInstance).extracting(HistoryEntry::run)
                .containsExactly("/M[1]");
        assertThat(failed.history()).filteredOn(HistoryEntry.StateFailed.class::isInstance)
                .extracting(entry -> ((HistoryEntry.StateFailed) entry).caughtBy()).containsExactly("Again");
        List<Command.InvokeTask> again = execution.pendingTasks();
        assertThat(again).extracting(Command.InvokeTask::state).containsExactly("T2", "T2", "T2");
        // the stopped iteration's late answer is ignored: nothing called, nothing counted in the Map that follows
        assertThat(interpreter.handle(execution, new Event.TaskSucceeded(first.get(1).taskId(), Asl.json("1")),
                Instant.EPOCH).commands()).isEmpty();
        for (Command.InvokeTask call : again) {
            interpreter.handle(execution, new Event.TaskSucceeded(call.taskId(), Asl.json("'ok'")), Instant.EPOCH);
        }
        assertThat(execution.outcome().output()).isEqualTo(Asl.json("['ok','ok','ok']"));
    }

    @Test
    void mapRunsTheProcessorPerItemAndKeepsItemOrder() {
        // "The Map state's output is an array with the result of each iteration, in item order"
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':2,
                  'ItemSelector':{'index.$':'$$.Map.Item.Index','value.$':'$$.Map.Item.Value','customer.$':'$.customer'},
                  'ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE'},'StartAt':'Double','States':{
                    'Double':{'Type':'Pass','Parameters':{'i.$':'$.index','v.$':'States.MathAdd($.value, $.value)','c.$':'$.customer'},'End':true}}},
                  'End':true}}}""", "{'items':[1,2,3],'customer':'c1'}");
        assertThat(report.outcome().output()).isEqualTo(Asl.json(
                "[{'i':0,'v':2,'c':'c1'},{'i':1,'v':4,'c':'c1'},{'i':2,'v':6,'c':'c1'}]"));
    }

    @Test
    void maxConcurrencyBoundsTheIterationsInFlight() {
        // "MaxConcurrency: at most this many iterations run at the same time"
        Interpreter interpreter = new Interpreter(Asl.machine("""
                {'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':3,'End':true,
                  'Iterator':{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','End':true}}}}}}"""));
        Execution execution = Execution.create("e", Asl.json("[1,2,3,4,5,6,7]"), Instant.EPOCH);
        Step step = interpreter.start(execution);
        assertThat(step.commands()).hasSize(3);
        int answered = 0;
        while (!execution.finished()) {
            assertThat(execution.pendingTasks().size()).isLessThanOrEqualTo(3);
            Command.InvokeTask call = execution.pendingTasks().get(0);
            interpreter.handle(execution, new Event.TaskSucceeded(call.taskId(), call.input()), Instant.EPOCH);
            answered++;
        }
        assertThat(answered).isEqualTo(7);
        assertThat(execution.outcome().output()).isEqualTo(Asl.json("[1,2,3,4,5,6,7]"));
    }

    private static String mapWithTolerance(String tolerance) {
        return """
                {'StartAt':'M','States':{'M':{'Type':'Map',%s'End':true,
                  'ItemProcessor':{'StartAt':'C','States':{
                    'C':{'Type':'Choice','Choices':[{'Variable':'$','NumericLessThan':0,'Next':'Bad'}],'Default':'Good'},
                    'Bad':{'Type':'Fail','Error':'Item.Bad','Cause':'negative'},
                    'Good':{'Type':'Succeed'}}}}}}""".formatted(tolerance);
    }

    @Test
    void withoutToleranceOneFailedIterationFailsTheMapWithItsError() {
        // "by default, any failed iteration fails the Map state" (with the iteration's error)
        assertThat(Asl.run(mapWithTolerance(""), "[1,-1,2]").outcome().error()).isEqualTo("Item.Bad");
    }

    @Test
    void toleratedFailureCount() {
        // "ToleratedFailureCount: the Map fails with States.ExceedToleratedFailureThreshold when more items fail"
        assertThat(Asl.run(mapWithTolerance("'ToleratedFailureCount':2,"), "[1,-1,-2,3]").outcome().output())
                .isEqualTo(Asl.json("[1,{'Error':'Item.Bad','Cause':'negative'},{'Error':'Item.Bad','Cause':'negative'},3]"));
        assertThat(Asl.run(mapWithTolerance("'ToleratedFailureCount':2,"), "[-1,-1,-2,3]").outcome().error())
                .isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void toleratedFailurePercentage() {
        // "ToleratedFailurePercentage: ... when the failed share of all items exceeds it"
        assertThat(Asl.run(mapWithTolerance("'ToleratedFailurePercentage':50,"), "[-1,-1,2,3]").outcome().succeeded()).isTrue();
        assertThat(Asl.run(mapWithTolerance("'ToleratedFailurePercentage':50,"), "[-1,-1,-2,3]").outcome().error())
                .isEqualTo("States.ExceedToleratedFailureThreshold");
        // either threshold: the count is exceeded first
        assertThat(Asl.run(mapWithTolerance("'ToleratedFailurePercentage':90,'ToleratedFailureCount':1,"), "[-1,-1,2,3]")
                .outcome().error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void emptyItemsGiveAnEmptyArray() {
        assertThat(Asl.run(mapWithTolerance(""), "[]").outcome().output()).isEqualTo(Asl.json("[]"));
    }

    @Test
    void itemsPathMustSelectAnArray() {
        assertThat(Asl.run(mapWithTolerance("'ItemsPath':'$.x',"), "{'x':1}").outcome().error()).isEqualTo("States.Runtime");
    }

    @Test
    void branchesReadOuterVariablesButTheirAssignmentsStayInside() {
        // variables: "a state inside a Parallel branch or Map iteration can read outer variables; assignments inside
        // are not visible outside"
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'Set','States':{
                  'Set':{'Type':'Pass','Assign':{'rate':2,'inner':'outer'},'Next':'M'},
                  'M':{'Type':'Map','ItemsPath':'$.items','ItemProcessor':{'StartAt':'Use','States':{
                    'Use':{'Type':'Pass','Assign':{'inner':'changed'},'Parameters':{'v.$':'$','r.$':'$rate'},'Next':'Read'},
                    'Read':{'Type':'Pass','Parameters':{'v.$':'$.v','r.$':'$.r','inner.$':'$inner'},'End':true}}},
                  'ResultPath':'$.r','Next':'After'},
                  'After':{'Type':'Pass','Parameters':{'inner.$':'$inner','r.$':'$.r'},'End':true}}}""", "{'items':[1]}");
        assertThat(report.outcome().output()).isEqualTo(Asl.json("{'inner':'outer','r':[{'v':1,'r':2,'inner':'changed'}]}"));
    }
}
