package io.edakit.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.TaskInvoker;
import io.edakit.workflow.test.InMemoryRunner;
import io.edakit.workflow.test.Mocks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ASL "Input and Output Processing": InputPath -> Parameters -> the task -> ResultSelector ->
 * ResultPath -> OutputPath, the context object, Pass's Result, payload templates.
 */
class InputOutputTest {

    @Test
    void chainOrderInputPathParametersResultSelectorResultPathOutputPath() {
        // "InputPath selects part of the raw input; Parameters builds the task input from that; ResultSelector
        // shapes the task result; ResultPath places it into the raw input (not the InputPath result); OutputPath
        // selects the state output from that combination"
        List<Command.InvokeTask> calls = new ArrayList<>();
        TaskInvoker invoker = call -> {
            calls.add(call);
            return CompletableFuture.completedFuture(TaskInvoker.TaskResult.success(Asl.json("{'status':'ok','noise':1}")));
        };
        InMemoryRunner.Report report = new InMemoryRunner(Asl.machine("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:123456789012:function:pay',
                  'InputPath':'$.order',
                  'Parameters':{'id.$':'$.id','fixed':'v','exec.$':'$$.Execution.Id'},
                  'ResultSelector':{'s.$':'$.status'},
                  'ResultPath':'$.payment',
                  'OutputPath':'$.payment',
                  'End':true}}}
                """), invoker).run("exec-1", Asl.json("{'order':{'id':'o-7','total':5},'other':true}"));
        assertThat(calls).singleElement().satisfies(call ->
                assertThat(call.input()).isEqualTo(Asl.json("{'id':'o-7','fixed':'v','exec':'exec-1'}")));
        assertThat(report.outcome().output()).isEqualTo(Asl.json("{'s':'ok'}"));
    }

    @Test
    void resultPathMergesIntoTheRawInput() {
        // "ResultPath: $.a.b adds the result under a new path, creating the objects on the way; the rest stays"
        String machine = """
                {'StartAt':'P','States':{'P':{'Type':'Pass','Result':{'r':1},'ResultPath':'$.x.y','End':true}}}""";
        assertThat(Asl.run(machine, "{'keep':1}").outcome().output()).isEqualTo(Asl.json("{'keep':1,'x':{'y':{'r':1}}}"));
        // an existing field is replaced
        assertThat(Asl.run(machine, "{'x':{'y':0,'z':2}}").outcome().output()).isEqualTo(Asl.json("{'x':{'y':{'r':1},'z':2}}"));
    }

    @Test
    void resultPathDollarReplacesAndNullDiscards() {
        // "ResultPath $ (the default) makes the result the output; null discards the result and passes the input"
        assertThat(Asl.run("{'StartAt':'P','States':{'P':{'Type':'Pass','Result':{'r':1},'End':true}}}", "{'in':1}")
                .outcome().output()).isEqualTo(Asl.json("{'r':1}"));
        assertThat(Asl.run("{'StartAt':'P','States':{'P':{'Type':'Pass','Result':{'r':1},'ResultPath':null,'End':true}}}",
                "{'in':1}").outcome().output()).isEqualTo(Asl.json("{'in':1}"));
    }

    @Test
    void resultPathIntoANonObjectFailsWithResultPathMatchFailure() {
        // "States.ResultPathMatchFailure: the ResultPath cannot be applied to the input the state received"
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','ResultPath':'$.s.deeper','End':true}}}""",
                "{'s':'a string'}", new Mocks().succeed("T", Asl.json("1")));
        assertThat(report.outcome().error()).isEqualTo("States.ResultPathMatchFailure");
    }

    @Test
    void inputPathAndOutputPathNullGiveEmptyObject() {
        // "InputPath null: the state gets {}"; "OutputPath null: the state outputs {}"
        assertThat(Asl.run("{'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':null,'End':true}}}", "{'a':1}")
                .outcome().output()).isEqualTo(Asl.json("{}"));
        assertThat(Asl.run("{'StartAt':'P','States':{'P':{'Type':'Pass','OutputPath':null,'End':true}}}", "{'a':1}")
                .outcome().output()).isEqualTo(Asl.json("{}"));
    }

    @Test
    void parametersPathThatFindsNothingIsParameterPathFailure() {
        // "States.ParameterPathFailure: within Parameters, replacing a field whose name ends in .$ failed"
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'x.$':'$.missing'},'End':true}}}""", "{}");
        assertThat(report.outcome().error()).isEqualTo("States.ParameterPathFailure");
    }

    @Test
    void inputPathThatFindsNothingIsRuntime() {
        // "States.Runtime: ... such as applying InputPath or OutputPath to a payload without that path"
        assertThat(Asl.run("{'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':'$.nope','End':true}}}", "{}")
                .outcome().error()).isEqualTo("States.Runtime");
    }

    @Test
    void payloadTemplatesNestAndKeepArraysAndLiterals() {
        // "If any field within the Payload Template (however deeply nested) has a name ending with .$, its value is
        // transformed"; other values are copied
        assertThat(Asl.run("""
                {'StartAt':'P','States':{'P':{'Type':'Pass',
                  'Parameters':{'a':{'b.$':'$.v','c':[1,{'d.$':'$.v'}]},'all.$':'$.list[*].n','n':null},'End':true}}}""",
                "{'v':'V','list':[{'n':1},{'n':2}]}").outcome().output())
                .isEqualTo(Asl.json("{'a':{'b':'V','c':[1,{'d':'V'}]},'all':[1,2],'n':null}"));
    }

    @Test
    void contextObjectCarriesExecutionAndState() {
        // "the context object ($$): Execution.Id, Execution.Input, State.Name, State.EnteredTime, State.RetryCount"
        InMemoryRunner.Report report = new InMemoryRunner(Asl.machine("""
                {'StartAt':'Here','States':{'Here':{'Type':'Pass','Parameters':{'id.$':'$$.Execution.Id',
                  'in.$':'$$.Execution.Input.a','state.$':'$$.State.Name','retries.$':'$$.State.RetryCount'},'End':true}}}"""),
                new Mocks()).run("arn:aws:states:eu-west-1:1:execution:m:e1", Asl.json("{'a':5}"));
        assertThat(report.outcome().output()).isEqualTo(Asl.json(
                "{'id':'arn:aws:states:eu-west-1:1:execution:m:e1','in':5,'state':'Here','retries':0}"));
    }

    @Test
    void everyStateInputAndOutputIsRecorded() {
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'A','States':{'A':{'Type':'Pass','Result':1,'ResultPath':'$.a','Next':'B'},
                  'B':{'Type':'Pass','Result':2,'ResultPath':'$.b','End':true}}}""", "{}");
        assertThat(report.states()).extracting(InMemoryRunner.StateRun::name).containsExactly("A", "B");
        assertThat(report.states().get(1).input()).isEqualTo(Asl.json("{'a':1}"));
        assertThat(report.states().get(1).output()).isEqualTo(Asl.json("{'a':1,'b':2}"));
    }

    @Test
    void tasksMayAnswerLaterFromOtherThreads() {
        // the TaskInvoker is asynchronous: answers completing on another thread, in any order, join correctly
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            // all four iterations are called in one step; another thread then answers them last first
            List<CompletableFuture<TaskInvoker.TaskResult>> answers = new ArrayList<>();
            List<Integer> inputs = new ArrayList<>();
            TaskInvoker slow = call -> {
                CompletableFuture<TaskInvoker.TaskResult> answer = new CompletableFuture<>();
                answers.add(answer);
                inputs.add(call.input().intValue());
                if (answers.size() == 4) {
                    pool.execute(() -> {
                        for (int i = 3; i >= 0; i--) {
                            answers.get(i).complete(TaskInvoker.TaskResult.success(
                                    Asl.json("{'n':" + inputs.get(i) * 10 + "}")));
                        }
                    });
                }
                return answer;
            };
            InMemoryRunner.Report report = new InMemoryRunner(Asl.machine("""
                    {'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'T','States':{
                      'T':{'Type':'Task','Resource':'direct:slow','OutputPath':'$.n','End':true}}}}}}"""), slow)
                    .run(Asl.json("[0,1,2,3]"));
            assertThat(report.outcome().output()).isEqualTo(Asl.json("[0,10,20,30]"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void waitTakesVirtualTimeOnly() {
        // Wait Seconds / SecondsPath / Timestamp / TimestampPath; the in-memory runner skips the waiting
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'W1','States':{
                  'W1':{'Type':'Wait','Seconds':10,'Next':'W2'},
                  'W2':{'Type':'Wait','SecondsPath':'$.s','Next':'W3'},
                  'W3':{'Type':'Wait','TimestampPath':'$.until','Next':'W4'},
                  'W4':{'Type':'Wait','Timestamp':'2026-01-01T00:00:00Z','OutputPath':'$.s','End':true}}}""",
                "{'s':20,'until':'2026-01-01T01:00:00Z'}");
        assertThat(report.outcome().output().intValue()).isEqualTo(20);
        assertThat(report.virtualTime().toSeconds()).isEqualTo(3600); // the runner's clock starts at 2026-01-01T00:00:00Z
    }
}
