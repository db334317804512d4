package io.edakit.workflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.edakit.testing.SharedPostgres;
import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.TaskInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of a child JVM ({@link CrashRunner}) running an execution, on an H2 file and on PostgreSQL: during a Wait
 * and in the middle of a task call. This JVM then takes the execution over once the child's lease
 * lapsed: the Wait's timer fires at its recorded time, not a full wait after the takeover; the call
 * without a recorded answer is made again with the same task id and attempt (no retry used up).
 */
class WorkflowCrashTest {

    static final Duration LEASE = Duration.ofSeconds(1);
    static final String FLOW = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Task", "Resource": "direct:prepare", "ResultPath": "$.prepare", "Next": "Pause"},
              "Pause": {"Type": "Wait", "Seconds": 6, "Next": "Slow"},
              "Slow": {"Type": "Task", "Resource": "direct:slow", "ResultPath": "$.slow",
                       "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}], "End": true}}}
            """;

    @TempDir
    Path directory;

    private final List<String> childCalls = new CopyOnWriteArrayList<>();

    @Test
    void anExecutionKilledDuringAWaitAndAgainMidTaskEndsOnceWithTheSameTaskIdOnH2() throws Exception {
        killDuringAWaitAndMidTask("jdbc:h2:file:" + directory.resolve("workflow").toAbsolutePath() + ";AUTO_SERVER=TRUE",
                "sa");
    }

    @Test
    void anExecutionKilledDuringAWaitAndAgainMidTaskEndsOnceWithTheSameTaskIdOnPostgres() throws Exception {
        killDuringAWaitAndMidTask(SharedPostgres.newDatabase(), "postgres");
    }

    private void killDuringAWaitAndMidTask(String url, String user) throws Exception {
        ChildJvm child = child(url, "x-1", user);
        try {
            // the first task answered and recorded: the execution is in its 6 s Wait
            await().atMost(Duration.ofSeconds(60)).until(() -> childCalls.stream().anyMatch(c -> c.startsWith("called Prepare")));
            // a plain connection: opening a store would run its DDL, which waits for the child's locks
            try (Connection reader = DriverManager.getConnection(url, user, "")) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                        .until(() -> ChildJvm.events(reader, "x-1", null) > 0);
                assertThat(ChildJvm.events(reader, "x-1", null)).as("killed during the Wait").isEqualTo(1);
            }
        } finally {
            child.kill();
        }
        // a second child takes over during the Wait, makes the Slow call, and is killed in the middle of it
        ChildJvm second = child(url, "x-1", user);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> childCalls.stream().anyMatch(c -> c.startsWith("called Slow")));
        } finally {
            second.kill();
        }
        String[] interrupted = childCalls.stream().filter(c -> c.startsWith("called Slow")).findFirst().orElseThrow()
                .split(" ");

        List<Command.InvokeTask> calls = new CopyOnWriteArrayList<>();
        List<WorkflowRecord> ended = new CopyOnWriteArrayList<>();
        try (WorkflowStore store = WorkflowStore.open(url, user, "", 4)) {
            WorkflowRunner runner = new WorkflowRunner(store, call -> {
                calls.add(call);
                return CompletableFuture.completedFuture(TaskInvoker.TaskResult.success(WorkflowRunnerTest.json("{\"ok\": 1}")));
            }, "parent", LEASE, 4, Duration.ofMillis(100), Clock.systemUTC());
            runner.register("crash", new Interpreter(AslParser.parse("crash.asl.json", FLOW)), ended::add);
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> ended.size() == 1);
            } finally {
                runner.close();
            }
            assertThat(ended.get(0).status()).isEqualTo(WorkflowStatus.SUCCEEDED);
            assertThat(calls).hasSize(1);
            assertThat(calls.get(0).state()).isEqualTo("Slow");
            assertThat(calls.get(0).taskId()).isEqualTo(interrupted[2]);
            assertThat(calls.get(0).attempt()).isEqualTo(Integer.parseInt(interrupted[3])).isEqualTo(1);
            assertThat(childCalls.stream().filter(c -> c.startsWith("called Prepare"))).hasSize(1);
            List<WorkflowEvent.Kind> kinds = store.history("x-1", 0, 100).stream().map(WorkflowEvent::kind).toList();
            assertThat(kinds).containsExactly(WorkflowEvent.Kind.TASK_SUCCEEDED, WorkflowEvent.Kind.RESUMED,
                    WorkflowEvent.Kind.TIMER_FIRED, WorkflowEvent.Kind.RESUMED, WorkflowEvent.Kind.TASK_SUCCEEDED,
                    WorkflowEvent.Kind.ENDED);
            // the Wait's timer was re-armed at its recorded time: it fired 6 s after Prepare's answer, or at
            // once on the takeover if that came later; not early, and not a whole Wait (6 s) after the takeover
            // (the bound leaves room for a loaded machine: 1.5 s was seen at load 31 on 2 cores)
            List<WorkflowEvent> history = store.history("x-1", 0, 100);
            Instant due = history.get(0).at().plusSeconds(6);
            Instant fired = history.get(2).at();
            Instant takenOver = history.get(1).at();
            assertThat(fired).isAfterOrEqualTo(due);
            assertThat(Duration.between(takenOver.isAfter(due) ? takenOver : due, fired)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private ChildJvm child(String url, String executionId, String user) throws Exception {
        return ChildJvm.start(directory, childCalls, CrashRunner.class, url, executionId, user);
    }
}
