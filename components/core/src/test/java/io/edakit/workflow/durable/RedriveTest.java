package io.edakit.workflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.TaskInvoker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redrive on the durable runner: a failed Parallel or Map runs again from the failed state, the
 * succeeded branches, iterations and states keep their results and are not called again (every task
 * invocation is counted), the redrive is in the history and counted on the record.
 */
class RedriveTest {

    static final String PARALLEL = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Task", "Resource": "prepare", "ResultPath": "$.prepared", "Next": "Both"},
              "Both": {"Type": "Parallel", "ResultPath": "$.both", "End": true, "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "a", "End": true}}},
                {"StartAt": "B1", "States": {
                  "B1": {"Type": "Task", "Resource": "b1", "Next": "B2"},
                  "B2": {"Type": "Task", "Resource": "b2", "End": true}}}]}}}
            """;

    static final String MAP = """
            {"StartAt": "Prepare", "States": {
              "Prepare": {"Type": "Task", "Resource": "prepare", "ResultPath": "$.prepared", "Next": "Each"},
              "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.results", "End": true,
                       "ItemProcessor": {"StartAt": "Work", "States": {
                         "Work": {"Type": "Task", "Resource": "item", "End": true}}}}}}
            """;

    private final List<Command.InvokeTask> calls = new CopyOnWriteArrayList<>();
    private final List<WorkflowRecord> outcomes = new CopyOnWriteArrayList<>();
    /** The failing call's answer, held until the others are on record so that they succeed first. */
    private final Map<String, CompletableFuture<TaskInvoker.TaskResult>> held = new ConcurrentHashMap<>();
    private final AtomicBoolean broken = new AtomicBoolean(true);
    private WorkflowStore store;
    private WorkflowRunner runner;

    @BeforeEach
    void open() {
        store = WorkflowStore.open("jdbc:h2:mem:redrive-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
        runner = new WorkflowRunner(store, this::invoke, WorkflowRunner.instanceName("test"), Duration.ofMillis(900), 4,
                Duration.ofMillis(100), Clock.systemUTC());
        runner.register("parallel", new Interpreter(AslParser.parse("parallel.asl.json", PARALLEL)), outcomes::add);
        runner.register("map", new Interpreter(AslParser.parse("map.asl.json", MAP)), outcomes::add);
    }

    @AfterEach
    void close() {
        runner.close();
        store.close();
    }

    private CompletableFuture<TaskInvoker.TaskResult> invoke(Command.InvokeTask call) {
        calls.add(call);
        boolean failing = call.resource().equals("b2") || call.resource().equals("item") && call.input().asInt() == 3;
        if (failing && broken.get()) {
            CompletableFuture<TaskInvoker.TaskResult> answer = new CompletableFuture<>();
            held.put(call.resource(), answer);
            return answer;
        }
        return WorkflowRunnerTest.ok("{\"by\": \"" + call.resource() + "\", \"input\": " + call.input() + "}");
    }

    private long invocations(String resource) {
        return calls.stream().filter(call -> call.resource().equals(resource)).count();
    }

    private long invocations(String resource, int item) {
        return calls.stream().filter(call -> call.resource().equals(resource) && call.input().asInt() == item).count();
    }

    private void failHeldOnceOthersSucceeded(String execution, String resource, int succeeded) {
        await().atMost(Duration.ofSeconds(20)).until(() -> held.containsKey(resource) && store.history(execution, 0, 100)
                .stream().filter(event -> event.kind() == WorkflowEvent.Kind.TASK_SUCCEEDED).count() == succeeded);
        held.get(resource).complete(TaskInvoker.TaskResult.failure("Part.Broken", "broken for now"));
    }

    private WorkflowRecord outcome(String id, int number) {
        await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.stream().filter(o -> o.id().equals(id)).count() >= number);
        return outcomes.stream().filter(o -> o.id().equals(id)).toList().get(number - 1);
    }

    @Test
    void aFailedParallelRunsOnlyItsFailedBranchAgainFromTheFailedState() {
        runner.start("parallel", "p-1", WorkflowRunnerTest.json("{}"));
        failHeldOnceOthersSucceeded("p-1", "b2", 3); // Prepare, A, B1
        WorkflowRecord failed = outcome("p-1", 1);
        assertThat(failed.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Part.Broken");
        assertThat(store.requestRedrive("p-1", Instant.now())).isTrue();
        assertThat(store.find("p-1").orElseThrow().status()).isEqualTo(WorkflowStatus.RUNNING);
        broken.set(false);

        WorkflowRecord done = outcome("p-1", 2);

        assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(done.redriveCount()).isEqualTo(1);
        JsonNode output = WorkflowRunnerTest.json(done.output());
        assertThat(output.at("/both/0/by").asText()).isEqualTo("a");
        assertThat(output.at("/both/1/by").asText()).isEqualTo("b2");
        assertThat(output.at("/both/1/input/by").asText()).isEqualTo("b1");
        // only the failed state ran again: Prepare, A and B1 once each, B2 twice
        assertThat(invocations("prepare")).isEqualTo(1);
        assertThat(invocations("a")).as(calls.stream().map(c -> c.taskId() + " " + c.resource()).toList().toString()).isEqualTo(1);
        assertThat(invocations("b1")).isEqualTo(1);
        assertThat(invocations("b2")).isEqualTo(2);
        assertThat(calls).hasSize(5);
        assertThat(store.history("p-1", 0, 100)).extracting(WorkflowEvent::kind).containsSubsequence(
                WorkflowEvent.Kind.TASK_FAILED, WorkflowEvent.Kind.ENDED, WorkflowEvent.Kind.REDRIVEN,
                WorkflowEvent.Kind.TASK_SUCCEEDED, WorkflowEvent.Kind.ENDED);
        // a succeeded execution is not redriven
        assertThat(store.requestRedrive("p-1", Instant.now())).isFalse();
    }

    @Test
    void aFailedMapRunsOnlyItsFailedIterationAgainKeepingTheOthersResults() {
        runner.start("map", "m-1", WorkflowRunnerTest.json("{\"items\": [1, 2, 3, 4, 5]}"));
        failHeldOnceOthersSucceeded("m-1", "item", 5); // Prepare and items 1, 2, 4, 5
        assertThat(outcome("m-1", 1).status()).isEqualTo(WorkflowStatus.FAILED);
        broken.set(false);
        assertThat(store.requestRedrive("m-1", Instant.now())).isTrue();

        WorkflowRecord done = outcome("m-1", 2);

        assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        JsonNode results = WorkflowRunnerTest.json(done.output()).get("results");
        assertThat(results).hasSize(5);
        for (int item = 1; item <= 5; item++) {
            assertThat(results.get(item - 1).get("input").asInt()).isEqualTo(item);
            assertThat(invocations("item", item)).as("item " + item).isEqualTo(item == 3 ? 2 : 1);
        }
        assertThat(invocations("prepare")).isEqualTo(1);
        assertThat(calls).hasSize(7);
    }

    @Test
    void anAbortedExecutionIsRedrivenFromTheStateItWasStoppedIn() {
        runner.start("parallel", "p-2", WorkflowRunnerTest.json("{}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> held.containsKey("b2"));
        assertThat(store.requestStop("p-2", "States.Aborted", "stopped by a test", Instant.now())).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> !runner.running("p-2"));
        broken.set(false);
        assertThat(store.requestRedrive("p-2", Instant.now())).isTrue();

        WorkflowRecord done = outcome("p-2", 2);

        assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(invocations("a")).isEqualTo(1);
        assertThat(invocations("b1")).isEqualTo(1);
        assertThat(invocations("b2")).isEqualTo(2);
    }
}
