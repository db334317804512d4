package io.edakit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.asl.DefinitionException;
import io.edakit.workflow.asl.Problem;
import io.edakit.workflow.asl.StateMachine;

/** Definitions refused with every problem named by file, state and JSON pointer; nothing silently skipped. */
class DefinitionValidationTest {

    private static List<Problem> problems(String definition) {
        try {
            Asl.machine(definition);
        } catch (DefinitionException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + definition);
    }

    private static Problem only(String definition) {
        List<Problem> problems = problems(definition);
        assertThat(problems).as(problems.toString()).hasSize(1);
        return problems.get(0);
    }

    @Test
    void unknownStateType() {
        Problem problem = only("{'StartAt':'A','States':{'A':{'Type':'Lambda','End':true}}}");
        assertThat(problem.toString()).isEqualTo("test.asl.json: state 'A' at /States/A/Type: unknown state type Lambda "
                + "(Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map)");
    }

    @Test
    void nextToAMissingState() {
        Problem problem = only("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'}}}");
        assertThat(problem.state()).isEqualTo("A");
        assertThat(problem.pointer()).isEqualTo("/States/A/Next");
        assertThat(problem.message()).contains("missing state 'B'");
    }

    @Test
    void startAtAMissingState() {
        assertThat(only("{'StartAt':'Z','States':{'A':{'Type':'Succeed'}}}").pointer()).isEqualTo("/StartAt");
    }

    @Test
    void unreachableState() {
        Problem problem = only("{'StartAt':'A','States':{'A':{'Type':'Succeed'},'Lost':{'Type':'Succeed'}}}");
        assertThat(problem.state()).isEqualTo("Lost");
        assertThat(problem.message()).startsWith("unreachable");
    }

    @Test
    void choiceRuleWithoutNext() {
        Problem problem = only("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','IsPresent':true}],"
                + "'Default':'S'},'S':{'Type':'Succeed'}}}");
        assertThat(problem.pointer()).isEqualTo("/States/C/Choices/0/Next");
    }

    @Test
    void choiceWithEndOrNextOfItsOwn() {
        Problem problem = only("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','IsPresent':true,"
                + "'Next':'S'}],'End':true},'S':{'Type':'Succeed'}}}");
        assertThat(problem.pointer()).isEqualTo("/States/C/End");
        assertThat(problem.message()).isEqualTo("a Choice state has no End: its Choices and Default name the next state");
        assertThat(only("{'StartAt':'S','States':{'S':{'Type':'Succeed','Next':'S'}}}").message())
                .isEqualTo("a Succeed state has no Next: it ends its scope");
    }

    @Test
    void statesAllNotLast() {
        Problem problem = only("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','End':true,"
                + "'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['X']}]}}}");
        assertThat(problem.pointer()).isEqualTo("/States/T/Retry/0/ErrorEquals");
        assertThat(problem.message()).contains("States.ALL must be in the last entry");
        assertThat(only("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','End':true,"
                + "'Catch':[{'ErrorEquals':['States.ALL','X'],'Next':'T'}]}}}").message()).contains("alone");
    }

    @Test
    void distributedMapAndItsFieldsAreUnsupported() {
        List<Problem> problems = problems("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                + "'ItemReader':{'Resource':'arn:aws:states:::s3:getObject'},"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                + "'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}}}}");
        assertThat(problems).extracting(Problem::pointer)
                .containsExactlyInAnyOrder("/States/M/ItemProcessor/ProcessorConfig/Mode", "/States/M/ItemReader");
        assertThat(problems.toString()).contains("distributed Map (Mode DISTRIBUTED) is not supported");
    }

    @Test
    void unknownAndMisplacedFieldsAreReportedNeverIgnored() {
        List<Problem> problems = problems("{'StartAt':'A','States':{'A':{'Type':'Pass','Resource':'x','Ouptut':'y',"
                + "'Arguments':{},'HeartbeatSeconds':5,'End':true}}}");
        assertThat(problems).extracting(Problem::pointer).containsExactlyInAnyOrder("/States/A/Resource", "/States/A/Ouptut",
                "/States/A/Arguments", "/States/A/HeartbeatSeconds");
        assertThat(problems.toString()).contains("Arguments is a JSONata field");
    }

    @Test
    void jsonPathFieldInAJsonataState() {
        Problem problem = only("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','InputPath':'$.a','End':true}}}");
        assertThat(problem.message()).contains("InputPath is a JSONPath field; this state uses JSONata");
    }

    @Test
    void badPathsTemplatesIntrinsicsAndExpressionsAreFoundBeforeRunning() {
        List<Problem> problems = problems("{'StartAt':'A','States':{'A':{'Type':'Pass','ResultPath':'$.a[*]',"
                + "'Parameters':{'x.$':'States.Nope(1)','y.$':'no-dollar'},'Next':'B'},"
                + "'B':{'Type':'Pass','QueryLanguage':'JSONata','Output':'{% $states.input. %}','End':true}}}");
        assertThat(problems).extracting(Problem::pointer).containsExactlyInAnyOrder("/States/A/ResultPath",
                "/States/A/Parameters", "/States/B/Output");
    }

    @Test
    void nestedScopesAreCheckedAndCannotJumpOut() {
        Problem problem = only("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':["
                + "{'StartAt':'X','States':{'X':{'Type':'Pass','Next':'P'}}}]}}}");
        assertThat(problem.pointer()).isEqualTo("/States/P/Branches/0/States/X/Next");
        assertThat(problem.message()).contains("only reaches its own states");
    }

    @Test
    void duplicateStateNamesAndKeys() {
        assertThat(only("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':["
                + "{'StartAt':'P','States':{'P':{'Type':'Succeed'}}}]}}}").message()).contains("unique");
        assertThatThrownBy(() -> Asl.machine("{'StartAt':'A','StartAt':'B','States':{'A':{'Type':'Succeed'}}}"))
                .hasMessageContaining("Duplicate field 'StartAt'");
    }

    @Test
    void yamlAsAwsWritesIt() {
        StateMachine machine = AslParser.parse("order.asl.yaml", """
                Comment: An order
                StartAt: Check
                States:
                  Check:
                    Type: Task
                    Resource: arn:aws:states:::lambda:invoke
                    Parameters:
                      Payload.$: $
                    Retry:
                      - ErrorEquals: [Lambda.ServiceException]
                        IntervalSeconds: 2
                        MaxAttempts: 6
                        BackoffRate: 2
                        JitterStrategy: FULL
                    Next: Done
                  Done:
                    Type: Succeed
                """);
        assertThat(machine.states()).containsOnlyKeys("Check", "Done");
        assertThat(machine.state("Check").common().retry().get(0).fullJitter()).isTrue();
        Problem problem = problems("StartAt: A\nStates:\n  A:\n    Type: Pass\n").get(0);
        assertThat(problem.toString()).isEqualTo("test.asl.json: state 'A' at /States/A: a Pass state needs Next or \"End\": true");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Wait','Next':'A'},'B':{'Type':'Fail','Error':1}}}"))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void heartbeatsBelongToCallbackTasksAndMustBeShorterThanTheirTimeout() {
        Problem requestReply = only("{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'direct:a',"
                + "'HeartbeatSeconds':5,'End':true}}}");
        assertThat(requestReply.pointer()).isEqualTo("/States/A/HeartbeatSeconds");
        assertThat(requestReply.message()).contains("only a callback task (Resource ending in .waitForTaskToken)");
        Problem tooLong = only("{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'channel:x.waitForTaskToken',"
                + "'TimeoutSeconds':5,'HeartbeatSeconds':5,'End':true}}}");
        assertThat(tooLong.message()).contains("HeartbeatSeconds must be smaller than TimeoutSeconds");
        assertThat(Asl.machine("{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'channel:x.waitForTaskToken',"
                + "'Parameters':{'token.$':'$$.Task.Token'},'TimeoutSeconds':60,'HeartbeatSeconds':5,'End':true}}}")
                .states()).containsKey("A");
        assertThat(only("{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'.waitForTaskToken','End':true}}}")
                .message()).contains("names where its request goes");
    }
}
