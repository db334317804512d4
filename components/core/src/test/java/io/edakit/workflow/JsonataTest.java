package io.edakit.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.TaskInvoker;
import io.edakit.workflow.test.InMemoryRunner;
import io.edakit.workflow.test.Mocks;

/**
 * ASL with "QueryLanguage": "JSONata": Arguments, Output, Assign, Condition, Items/ItemSelector,
 * {@code {% %}} expressions with {@code $states}, and States.QueryEvaluationError.
 */
class JsonataTest {

    @Test
    void argumentsBuildTheTaskInputAndOutputShapesTheResult() {
        // "Arguments: the task's input, evaluated against $states.input"; "Output: the state's output, with
        // $states.result available; without Output the output is the result"
        List<Command.InvokeTask> calls = new ArrayList<>();
        TaskInvoker invoker = call -> {
            calls.add(call);
            return CompletableFuture.completedFuture(TaskInvoker.TaskResult.success(Asl.json("{'total':42}")));
        };
        InMemoryRunner.Report report = new InMemoryRunner(Asl.machine("""
                {'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                  'Arguments':{'orderId':'{% $states.input.id %}','count':'{% $count($states.input.lines) %}','fixed':1},
                  'Output':{'id':'{% $states.input.id %}','total':'{% $states.result.total * 2 %}'},
                  'End':true}}}"""), invoker).run(Asl.json("{'id':'o-1','lines':[1,2,3]}"));
        assertThat(calls.get(0).input()).isEqualTo(Asl.json("{'orderId':'o-1','count':3,'fixed':1}"));
        assertThat(report.outcome().output()).isEqualTo(Asl.json("{'id':'o-1','total':84}"));
    }

    @Test
    void withoutOutputATaskOutputsItsResultAndAPassItsInput() {
        assertThat(Asl.run("""
                {'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass','Next':'T'},
                  'T':{'Type':'Task','Resource':'x','End':true}}}""", "{'a':1}", new Mocks().succeed("T", Asl.json("'r'")))
                .outcome().output()).isEqualTo(Asl.json("'r'"));
    }

    @Test
    void assignedVariablesAreSeenByLaterStatesNotByTheStatesOwnOutput() {
        // "Assign and Output are evaluated together: a state's Output sees the variable values from before the state"
        InMemoryRunner.Report report = Asl.run("""
                {'QueryLanguage':'JSONata','StartAt':'A','States':{
                  'A':{'Type':'Pass','Assign':{'x':1},'Next':'B'},
                  'B':{'Type':'Pass','Assign':{'x':'{% $x + 1 %}','y':'{% $x %}'},'Output':{'seen':'{% $x %}'},'Next':'C'},
                  'C':{'Type':'Pass','Output':{'x':'{% $x %}','y':'{% $y %}','prev':'{% $states.input.seen %}'},'End':true}}}""",
                "{}");
        assertThat(report.outcome().output()).isEqualTo(Asl.json("{'x':2,'y':1,'prev':1}"));
    }

    @Test
    void conditionChoosesAndTheRuleMayAssignAndOutput() {
        // Choice in JSONata: "Condition: a {% %} expression that yields a boolean"; a rule's Assign and Output apply
        String definition = """
                {'QueryLanguage':'JSONata','StartAt':'C','States':{
                  'C':{'Type':'Choice','Choices':[
                    {'Condition':'{% $states.input.total > 100 %}','Next':'Review','Assign':{'why':'big'},
                     'Output':{'total':'{% $states.input.total %}'}}],'Default':'Ok'},
                  'Review':{'Type':'Pass','Output':{'why':'{% $why %}','total':'{% $states.input.total %}'},'End':true},
                  'Ok':{'Type':'Succeed','Output':'{% \\u0027ok\\u0027 %}'}}}""".replace("\\u0027", "`");
        assertThat(Asl.run(definition, "{'total':150}").outcome().output()).isEqualTo(Asl.json("{'why':'big','total':150}"));
        assertThat(Asl.run(definition, "{'total':5}").outcome().output()).isEqualTo(Asl.json("'ok'"));
    }

    @Test
    void mapItemsAndItemSelector() {
        // Map in JSONata: "Items: an array or an expression yielding one"; ItemSelector sees $states.context.Map.Item
        InMemoryRunner.Report report = Asl.run("""
                {'QueryLanguage':'JSONata','StartAt':'M','States':{'M':{'Type':'Map','Items':'{% $states.input.xs %}',
                  'ItemSelector':{'i':'{% $states.context.Map.Item.Index %}','v':'{% $states.context.Map.Item.Value * 10 %}'},
                  'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},
                  'Output':{'sum':'{% $sum($states.result.v) %}'},'End':true}}}""", "{'xs':[1,2,3]}");
        assertThat(report.outcome().output()).isEqualTo(Asl.json("{'sum':60}"));
    }

    @Test
    void catchOutputSeesErrorOutput() {
        // a JSONata Catcher's "Output" may use $states.errorOutput; without it the output is the error object
        InMemoryRunner.Report report = Asl.run("""
                {'QueryLanguage':'JSONata','StartAt':'T','States':{'T':{'Type':'Task','Resource':'x',
                  'Catch':[{'ErrorEquals':['States.ALL'],'Next':'H','Assign':{'failed':true},
                            'Output':{'reason':'{% $states.errorOutput.Error %}','in':'{% $states.input.a %}'}}],'End':true},
                  'H':{'Type':'Pass','Output':{'reason':'{% $states.input.reason %}','failed':'{% $failed %}','in':'{% $states.input.in %}'},'End':true}}}""",
                "{'a':7}", new Mocks().fail("T", "Oops", "c"));
        assertThat(report.outcome().output()).isEqualTo(Asl.json("{'reason':'Oops','failed':true,'in':7}"));
    }

    @Test
    void aFailingExpressionIsQueryEvaluationError() {
        // "States.QueryEvaluationError: a JSONata expression could not be evaluated"
        InMemoryRunner.Report report = Asl.run("""
                {'QueryLanguage':'JSONata','StartAt':'P','States':{'P':{'Type':'Pass','Output':'{% $states.input.a + \\u0027x\\u0027 %}','End':true}}}"""
                .replace("\\u0027", "`"), "{'a':1}");
        assertThat(report.outcome().error()).isEqualTo("States.QueryEvaluationError");
    }

    @Test
    void failErrorAndCauseAreExpressions() {
        InMemoryRunner.Report report = Asl.run("""
                {'QueryLanguage':'JSONata','StartAt':'F','States':{'F':{'Type':'Fail','Error':'{% $states.input.code %}',
                  'Cause':'{% $join([\\u0027order \\u0027, $states.input.id]) %}'}}}""".replace("\\u0027", "`"), "{'code':'E1','id':'9'}");
        assertThat(report.outcome().error()).isEqualTo("E1");
        assertThat(report.outcome().cause()).isEqualTo("order 9");
    }

    @Test
    void oneStateMayUseJsonataInAJsonPathMachine() {
        // "QueryLanguage" on a state overrides the machine's (JSONPath machines may hold JSONata states)
        InMemoryRunner.Report report = Asl.run("""
                {'StartAt':'A','States':{
                  'A':{'Type':'Pass','Parameters':{'n.$':'$.n'},'Next':'B'},
                  'B':{'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $states.input.n + 1 %}','End':true}}}""", "{'n':1}");
        assertThat(report.outcome().output().intValue()).isEqualTo(2);
    }

    @Test
    void waitSecondsMayBeAnExpression() {
        InMemoryRunner.Report report = Asl.run("""
                {'QueryLanguage':'JSONata','StartAt':'W','States':{'W':{'Type':'Wait','Seconds':'{% $states.input.delay * 60 %}','End':true}}}""",
                "{'delay':2}");
        assertThat(report.virtualTime().toSeconds()).isEqualTo(120);
    }
}
