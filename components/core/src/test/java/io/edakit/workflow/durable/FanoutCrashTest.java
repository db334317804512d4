package io.edakit.workflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edakit.testing.SharedPostgres;
import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.TaskInvoker;
import io.edakit.workflow.path.JsonPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of a child JVM ({@link FanoutCrashRunner}) in the middle of Parallel states (one branch's
 * task answered and recorded, the other's in flight) and of Map states (iterations 0 to 3 answered,
 * 4 to 6 in flight, 7 not begun), {@value #COUNT} executions of each, on an H2 file and on
 * PostgreSQL. This JVM takes them over once the child's lease lapsed. Then every execution ends
 * exactly once and joins once (its Join task is called once, with every branch's or iteration's
 * result once, in order); a call answered before the kill is not made again; a call begun without a
 * recorded answer is made again exactly once, with the same task id and attempt 1 (no retry used
 * up, though each such task has a Retry).
 */
class FanoutCrashTest {

    static final int COUNT = 5;
    /**
     * This JVM's lease, longer than the child's (which is lapsed by the kill): on a loaded machine a
     * lease of a second can lapse here too, and then this JVM takes its own executions over again
     * and makes their open calls once more (same ids), which the exact counts below would not expect.
     */
    static final Duration PARENT_LEASE = Duration.ofSeconds(5);
    static final int ITEMS = 8;
    /** Items below this are answered by the child. */
    static final int ANSWERED = 4;
    static final String PARALLEL = """
            {"StartAt": "Both", "States": {
              "Both": {"Type": "Parallel", "Next": "Join", "Branches": [
                {"StartAt": "Fast", "States": {"Fast": {"Type": "Task", "Resource": "direct:fast",
                   "Parameters": {"branch": "fast", "n.$": "$.n"}, "End": true}}},
                {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "direct:slow",
                   "Parameters": {"branch": "slow", "n.$": "$.n"},
                   "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}], "End": true}}}]},
              "Join": {"Type": "Task", "Resource": "direct:join", "End": true}}}
            """;
    static final String MAP = """
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 3, "Next": "Join",
                "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Task", "Resource": "direct:item",
                   "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}], "End": true}}}},
              "Join": {"Type": "Task", "Resource": "direct:join", "End": true}}}
            """;

    @TempDir
    Path directory;

    private final List<String> childLines = new CopyOnWriteArrayList<>();

    static JsonNode input(int n) {
        ObjectNode input = JsonPaths.MAPPER.createObjectNode().put("n", n);
        for (int i = 0; i < ITEMS; i++) {
            input.withArray("items").add(i);
        }
        return input;
    }

    @Test
    void parallelAndMapExecutionsKilledMidwayEndOnceAndJoinOnceOnH2() throws Exception {
        killMidFanout("jdbc:h2:file:" + directory.resolve("workflow").toAbsolutePath() + ";AUTO_SERVER=TRUE", "sa");
    }

    @Test
    void parallelAndMapExecutionsKilledMidwayEndOnceAndJoinOnceOnPostgres() throws Exception {
        killMidFanout(SharedPostgres.newDatabase(), "postgres");
    }

    /** A call the child made: "called EXECUTION STATE TASK-ID ATTEMPT INPUT". */
    private record ChildCall(String execution, String state, String taskId, int attempt, String input) {
        static ChildCall parse(String line) {
            String[] parts = line.split(" ", 6);
            return new ChildCall(parts[1], parts[2], parts[3], Integer.parseInt(parts[4]), parts[5]);
        }
    }

    private List<ChildCall> childCalls() {
        return childLines.stream().filter(line -> line.startsWith("called ")).map(ChildCall::parse).toList();
    }

    private boolean midway(Connection reader) throws Exception {
        List<ChildCall> calls = childCalls();
        for (int i = 1; i <= COUNT; i++) {
            String p = "p-" + i;
            String m = "m-" + i;
            if (calls.stream().noneMatch(c -> c.execution().equals(p) && c.state().equals("Slow"))
                    || calls.stream().filter(c -> c.execution().equals(m) && c.state().equals("Item")).count() < 7
                    || ChildJvm.events(reader, p, WorkflowEvent.Kind.TASK_SUCCEEDED) < 1
                    || ChildJvm.events(reader, m, WorkflowEvent.Kind.TASK_SUCCEEDED) < ANSWERED) {
                return false;
            }
        }
        return true;
    }

    private void killMidFanout(String url, String user) throws Exception {
        ChildJvm child = ChildJvm.start(directory, childLines, FanoutCrashRunner.class, url, user, String.valueOf(COUNT));
        try (Connection reader = DriverManager.getConnection(url, user, "")) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> midway(reader));
        } finally {
            child.kill();
        }
        List<ChildCall> before = childCalls();
        // where the kill found them: exactly the answered and in-flight calls planned, each with one task id
        // (a loaded machine may let the child's own lease lapse: it then takes itself over and makes its
        // unanswered calls again, with the same ids)
        for (int i = 1; i <= COUNT; i++) {
            String p = "p-" + i;
            String m = "m-" + i;
            assertThat(before.stream().filter(c -> c.execution().equals(p)).map(ChildCall::state).distinct())
                    .containsExactlyInAnyOrder("Fast", "Slow");
            assertThat(before.stream().filter(c -> c.execution().equals(p)).map(ChildCall::taskId).distinct()).hasSize(2);
            assertThat(before.stream().filter(c -> c.execution().equals(m)).map(ChildCall::input).distinct())
                    .containsExactlyInAnyOrder("0", "1", "2", "3", "4", "5", "6");
            assertThat(before.stream().filter(c -> c.execution().equals(m)).map(ChildCall::taskId).distinct()).hasSize(7);
        }

        List<Command.InvokeTask> calls = new CopyOnWriteArrayList<>();
        List<WorkflowRecord> ended = new CopyOnWriteArrayList<>();
        try (WorkflowStore store = WorkflowStore.open(url, user, "", 4)) {
            WorkflowRunner runner = new WorkflowRunner(store, call -> {
                calls.add(call);
                return CompletableFuture.completedFuture(TaskInvoker.TaskResult.success(call.input()));
            }, "parent", PARENT_LEASE, 4, Duration.ofMillis(100), Clock.systemUTC());
            runner.register("parallel", new Interpreter(AslParser.parse("parallel.asl.json", PARALLEL)), ended::add);
            runner.register("map", new Interpreter(AslParser.parse("map.asl.json", MAP)), ended::add);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> ended.size() >= 2 * COUNT);
            } finally {
                runner.close();
            }

            // each execution ended exactly once, succeeded, with each branch's / iteration's result once
            Map<String, Long> endings = ended.stream().collect(Collectors.groupingBy(WorkflowRecord::id, Collectors.counting()));
            assertThat(endings).hasSize(2 * COUNT).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
            for (int i = 1; i <= COUNT; i++) {
                String p = "p-" + i;
                String m = "m-" + i;
                WorkflowRecord parallel = store.find(p).orElseThrow();
                assertThat(parallel.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
                assertThat(WorkflowRunner.parse(parallel.output())).isEqualTo(WorkflowRunnerTest.json(
                        "[{\"branch\": \"fast\", \"n\": " + i + "}, {\"branch\": \"slow\", \"n\": " + i + "}]"));
                WorkflowRecord map = store.find(m).orElseThrow();
                assertThat(map.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
                assertThat(WorkflowRunner.parse(map.output())).isEqualTo(WorkflowRunnerTest.json("[0, 1, 2, 3, 4, 5, 6, 7]"));

                // each joined once: one Join call per execution, none before the kill
                assertThat(calls.stream().filter(c -> c.executionId().equals(p) && c.state().equals("Join"))).hasSize(1);
                assertThat(calls.stream().filter(c -> c.executionId().equals(m) && c.state().equals("Join"))).hasSize(1);

                // the answered calls are not made again; the interrupted ones are, with the same id and attempt
                assertThat(calls.stream().filter(c -> c.executionId().equals(p) && !c.state().equals("Join"))
                        .map(Command.InvokeTask::taskId)).containsExactly(taskId(before, p, "Slow", null));
                assertThat(calls.stream().filter(c -> c.executionId().equals(m) && c.state().equals("Item"))
                        .map(c -> c.input().asText())).containsExactlyInAnyOrder("4", "5", "6", "7");
                for (String item : List.of("4", "5", "6")) {
                    assertThat(calls.stream().filter(c -> c.executionId().equals(m) && c.input().asText().equals(item))
                            .map(Command.InvokeTask::taskId)).containsExactly(taskId(before, m, "Item", item));
                }

                // the history: each task's answer recorded once, one ending
                for (String id : List.of(p, m)) {
                    List<WorkflowEvent> history = store.history(id, 0, 1000);
                    List<String> answered = history.stream().filter(e -> e.kind() == WorkflowEvent.Kind.TASK_SUCCEEDED)
                            .map(WorkflowEvent::ref).toList();
                    assertThat(answered).doesNotHaveDuplicates();
                    assertThat(history.stream().filter(e -> e.kind() == WorkflowEvent.Kind.ENDED)).hasSize(1);
                    assertThat(history.stream().filter(e -> e.kind() == WorkflowEvent.Kind.RESUMED)).isNotEmpty();
                }
            }
            // no retry was used up: every call, before and after the kill, was attempt 1
            assertThat(calls).extracting(Command.InvokeTask::attempt).containsOnly(1);
            assertThat(before).extracting(ChildCall::attempt).containsOnly(1);
            // invocations per task id: in this JVM once each, and only the calls the child had not had answered
            assertThat(calls.stream().map(Command.InvokeTask::taskId)).doesNotHaveDuplicates();
            List<String> answeredInChild = before.stream().filter(c -> c.state().equals("Fast")
                    || c.state().equals("Item") && Integer.parseInt(c.input()) < ANSWERED).map(ChildCall::taskId).distinct().toList();
            assertThat(answeredInChild).hasSize(COUNT * (1 + ANSWERED));
            assertThat(calls.stream().map(Command.InvokeTask::taskId)).doesNotContainAnyElementsOf(answeredInChild);
            // calls in this JVM: Slow and Join per Parallel, items 4 to 7 and Join per Map
            assertThat(calls).hasSize(COUNT * 7);
        }
    }

    private static String taskId(List<ChildCall> calls, String execution, String state, String input) {
        Function<ChildCall, Boolean> wanted = c -> c.execution().equals(execution) && c.state().equals(state)
                && (input == null || c.input().equals(input));
        List<String> ids = new ArrayList<>();
        calls.stream().filter(wanted::apply).map(ChildCall::taskId).distinct().forEach(ids::add);
        assertThat(ids).as("the child's %s call of %s", state, execution).hasSize(1);
        return ids.get(0);
    }
}
