package io.edakit.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.edakit.workflow.asl.StateMachine;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Event;
import io.edakit.workflow.engine.Execution;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.Step;

/**
 * What the durable driver will rely on: determinism under replay (same events, same commands and ids),
 * the calls and timers outstanding after any step, and Pass/Choice states producing no command.
 */
class InterpreterContractTest {

    private static final StateMachine MACHINE = Asl.machine("""
            {'StartAt':'Prepare','States':{
              'Prepare':{'Type':'Pass','Parameters':{'id.$':'States.UUID()','items.$':'$.items'},'Next':'Route'},
              'Route':{'Type':'Choice','Choices':[{'Variable':'$.items[0]','IsPresent':true,'Next':'Fan'}],'Default':'Done'},
              'Fan':{'Type':'Parallel','ResultPath':'$.results','Next':'Pause','Branches':[
                {'StartAt':'A','States':{'A':{'Type':'Task','Resource':'direct:a','Retry':[{'ErrorEquals':['Busy'],
                  'JitterStrategy':'FULL','IntervalSeconds':4}],'End':true}}},
                {'StartAt':'Each','States':{'Each':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':2,'End':true,
                  'ItemProcessor':{'StartAt':'B','States':{'B':{'Type':'Task','Resource':'direct:b','End':true}}}}}}]},
              'Pause':{'Type':'Wait','Seconds':30,'Next':'Done'},
              'Done':{'Type':'Succeed'}}}""");

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    /** Runs the machine answering calls in a fixed order; returns every step, and the events with their times. */
    private static List<Step> drive(Execution execution, List<Event> events, List<Instant> times) {
        Interpreter interpreter = new Interpreter(MACHINE);
        List<Step> steps = new ArrayList<>();
        steps.add(interpreter.start(execution));
        Instant now = T0;
        boolean busyOnce = true;
        while (!execution.finished()) {
            Event event;
            if (!execution.pendingTasks().isEmpty()) {
                Command.InvokeTask call = execution.pendingTasks().get(0);
                if (call.state().equals("A") && busyOnce) {
                    busyOnce = false;
                    event = new Event.TaskFailed(call.taskId(), "Busy", "try later");
                } else {
                    event = new Event.TaskSucceeded(call.taskId(), call.input());
                }
            } else {
                Command.StartTimer timer = execution.pendingTimers().get(0);
                now = timer.fireAt();
                event = new Event.TimerFired(timer.timerId());
            }
            now = now.plusMillis(10);
            events.add(event);
            times.add(now);
            steps.add(interpreter.handle(execution, event, now));
        }
        return steps;
    }

    @Test
    void replayingTheRecordedEventsRebuildsTheSameExecution() {
        List<Event> events = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        Execution original = Execution.create("arn:edakit:execution:orders:e-1", Asl.json("{'items':[1,2,3]}"), T0);
        List<Step> steps = drive(original, events, times);
        assertThat(original.outcome().succeeded()).isTrue();

        // a durable driver keeps the start parameters and the events with their times; after a crash it replays them
        Interpreter interpreter = new Interpreter(MACHINE);
        Execution replayed = Execution.create("arn:edakit:execution:orders:e-1", Asl.json("{'items':[1,2,3]}"), T0);
        List<Step> again = new ArrayList<>();
        again.add(interpreter.start(replayed));
        for (int i = 0; i < events.size(); i++) {
            again.add(interpreter.handle(replayed, events.get(i), times.get(i)));
        }
        assertThat(again).extracting(Step::commands).isEqualTo(steps.stream().map(Step::commands).toList());
        assertThat(replayed.outcome()).isEqualTo(original.outcome());
    }

    @Test
    void aPartialReplayTellsWhichCallsAndTimersAreOutstanding() {
        List<Event> events = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        drive(Execution.create("e-2", Asl.json("{'items':[1,2,3]}"), T0), events, times);

        Interpreter interpreter = new Interpreter(MACHINE);
        Execution execution = Execution.create("e-2", Asl.json("{'items':[1,2,3]}"), T0);
        Step first = interpreter.start(execution);
        // Pass and Choice ran inside the first step: the only commands are the calls of the first branches' tasks
        assertThat(first.commands()).allMatch(Command.InvokeTask.class::isInstance);
        assertThat(first.commands()).extracting(c -> ((Command.InvokeTask) c).state()).containsExactly("A", "B", "B");
        assertThat(execution.pendingTasks()).containsExactlyElementsOf(first.commands().stream()
                .map(Command.InvokeTask.class::cast).toList());

        // the first answer was A's failure: A now waits on a retry backoff timer, within FULL jitter's bound
        interpreter.handle(execution, events.get(0), times.get(0));
        assertThat(execution.pendingTasks()).extracting(Command.InvokeTask::state).containsExactly("B", "B");
        assertThat(execution.pendingTimers()).singleElement().satisfies(timer -> {
            assertThat(timer.purpose()).isEqualTo(Command.TimerPurpose.RETRY_BACKOFF);
            assertThat(timer.fireAt()).isBetween(times.get(0), times.get(0).plusSeconds(4));
        });
    }

    @Test
    void aDuplicateAnswerIsIgnored() {
        Interpreter interpreter = new Interpreter(Asl.machine("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'x','Next':'U'},"
                + "'U':{'Type':'Task','Resource':'y','End':true}}}"));
        Execution execution = Execution.create("e-3", Asl.json("{}"), T0);
        Command.InvokeTask call = (Command.InvokeTask) interpreter.start(execution).commands().get(0);
        Step answered = interpreter.handle(execution, new Event.TaskSucceeded(call.taskId(), Asl.json("1")), T0);
        assertThat(answered.commands()).singleElement().isInstanceOf(Command.InvokeTask.class);
        assertThat(interpreter.handle(execution, new Event.TaskSucceeded(call.taskId(), Asl.json("2")), T0).commands()).isEmpty();
        assertThat(execution.pendingTasks()).extracting(Command.InvokeTask::state).containsExactly("U");
    }
}
