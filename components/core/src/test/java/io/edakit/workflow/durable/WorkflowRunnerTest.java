package io.edakit.workflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.TaskInvoker;
import io.edakit.workflow.path.JsonPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The durable runner on H2 (PostgreSQL: the subclass): record before acting, resume by replay, takeover, operator stop. */
class WorkflowRunnerTest {

    static final String ORDER = """
            {"StartAt": "Check inventory", "States": {
              "Check inventory": {"Type": "Task", "Resource": "inventory", "ResultPath": "$.stock", "Next": "In stock?"},
              "In stock?": {"Type": "Choice", "Choices": [
                 {"Variable": "$.stock.available", "BooleanEquals": true, "Next": "Pay"}], "Default": "Out of stock"},
              "Out of stock": {"Type": "Fail", "Error": "Order.OutOfStock"},
              "Pay": {"Type": "Task", "Resource": "payment", "ResultPath": "$.payment",
                      "Retry": [{"ErrorEquals": ["Payment.Busy"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                      "Next": "Pause"},
              "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Ship"},
              "Ship": {"Type": "Task", "Resource": "shipping", "ResultPath": "$.shipment", "End": true}}}
            """;

    private final String url = url();
    private final List<Command.InvokeTask> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Command.InvokeTask, CompletableFuture<TaskInvoker.TaskResult>>> answers =
            new ConcurrentHashMap<>();
    private final List<WorkflowRecord> outcomes = new CopyOnWriteArrayList<>();
    private WorkflowStore store;
    private WorkflowRunner runner;

    /** The store's database for one test. */
    protected String url() {
        return "jdbc:h2:mem:workflow-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    protected String user() {
        return "sa";
    }

    @BeforeEach
    void open() {
        store = WorkflowStore.open(url, user(), "", 4);
        answers.put("inventory", call -> ok("{\"available\": true}"));
        answers.put("payment", call -> ok("{\"paid\": 42}"));
        answers.put("shipping", call -> ok("{\"tracking\": \"t-1\"}"));
        runner = runner(store);
    }

    @AfterEach
    void close() {
        runner.close();
        store.close();
    }

    private WorkflowRunner runner(WorkflowStore on) {
        WorkflowRunner created = new WorkflowRunner(on, call -> {
            calls.add(call);
            return answers.get(call.resource()).apply(call);
        }, WorkflowRunner.instanceName("test"), Duration.ofMillis(600), 4, Duration.ofMillis(100), Clock.systemUTC());
        created.register("order", new Interpreter(AslParser.parse("order.asl.json", ORDER)), outcomes::add);
        return created;
    }

    static CompletableFuture<TaskInvoker.TaskResult> ok(String json) {
        return CompletableFuture.completedFuture(TaskInvoker.TaskResult.success(json(json)));
    }

    static JsonNode json(String text) {
        try {
            return JsonPaths.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private WorkflowRecord ended(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.stream().anyMatch(o -> o.id().equals(id)));
        return store.find(id).orElseThrow();
    }

    @Test
    void runsTheOrderFlowToItsEndWithOneCommitPerAnswerOrTimer() {
        assertThat(runner.start("order", "o-1", json("{\"order\": 1}"))).isEmpty();

        WorkflowRecord done = ended("o-1");

        assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(json(done.output()).at("/shipment/tracking").asText()).isEqualTo("t-1");
        assertThat(json(done.output()).at("/payment/paid").asInt()).isEqualTo(42);
        assertThat(calls).extracting(Command.InvokeTask::resource).containsExactly("inventory", "payment", "shipping");
        // three answers and the Wait's timer; the Choice cost nothing; the ending came with the last answer
        assertThat(store.history("o-1", 0, 100)).extracting(WorkflowEvent::kind).containsExactly(
                WorkflowEvent.Kind.TASK_SUCCEEDED, WorkflowEvent.Kind.TASK_SUCCEEDED, WorkflowEvent.Kind.TIMER_FIRED,
                WorkflowEvent.Kind.TASK_SUCCEEDED, WorkflowEvent.Kind.ENDED);
        assertThat(outcomes).hasSize(1);
        assertThat(store.find("o-1").orElseThrow().outcomePublished()).isTrue();
    }

    @Test
    void aStartDeliveredTwiceRunsOnce() {
        assertThat(runner.start("order", "o-2", json("{}"))).isEmpty();
        Optional<WorkflowRecord> again = runner.start("order", "o-2", json("{}"));

        assertThat(again).isPresent();
        ended("o-2");
        assertThat(calls).extracting(Command.InvokeTask::resource).containsExactly("inventory", "payment", "shipping");
    }

    @Test
    void aRetryIsANewCallAfterADurableBackoffAndAFailEndsTheExecutionFailed() {
        answers.put("payment", call -> call.attempt() == 1
                ? CompletableFuture.completedFuture(TaskInvoker.TaskResult.failure("Payment.Busy", "try later"))
                : ok("{\"paid\": 1}"));
        runner.start("order", "o-3", json("{}"));

        assertThat(ended("o-3").status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        List<Command.InvokeTask> payments = calls.stream().filter(call -> call.resource().equals("payment")).toList();
        assertThat(payments).extracting(Command.InvokeTask::attempt).containsExactly(1, 2);
        assertThat(payments.get(1).taskId()).isNotEqualTo(payments.get(0).taskId());
        assertThat(store.history("o-3", 0, 100)).extracting(WorkflowEvent::kind).containsExactly(
                WorkflowEvent.Kind.TASK_SUCCEEDED, WorkflowEvent.Kind.TASK_FAILED, WorkflowEvent.Kind.TIMER_FIRED,
                WorkflowEvent.Kind.TASK_SUCCEEDED, WorkflowEvent.Kind.TIMER_FIRED, WorkflowEvent.Kind.TASK_SUCCEEDED,
                WorkflowEvent.Kind.ENDED);

        answers.put("inventory", call -> ok("{\"available\": false}"));
        runner.start("order", "o-3b", json("{}"));
        WorkflowRecord failed = ended("o-3b");
        assertThat(failed.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Order.OutOfStock");
    }

    @Test
    void aCallInFlightIsMadeAgainWithTheSameTaskIdByTheInstanceThatTakesOver() {
        CompletableFuture<TaskInvoker.TaskResult> never = new CompletableFuture<>();
        answers.put("payment", call -> never);
        runner.start("order", "o-4", json("{}"));
        await().until(() -> calls.size() == 2);
        runner.close(); // lets go of the execution: the next instance takes it over at once
        answers.put("payment", call -> ok("{\"paid\": 7}"));

        WorkflowStore second = WorkflowStore.open(url, user(), "", 4);
        runner = runner(second);
        WorkflowRecord done = ended("o-4");

        assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(calls).extracting(Command.InvokeTask::resource).containsExactly("inventory", "payment", "payment",
                "shipping");
        assertThat(calls.get(2).taskId()).isEqualTo(calls.get(1).taskId());
        assertThat(calls.get(2).attempt()).isEqualTo(calls.get(1).attempt()).isEqualTo(1);
        assertThat(store.history("o-4", 0, 100)).extracting(WorkflowEvent::kind).contains(WorkflowEvent.Kind.RESUMED);
        runner.close();
        second.close();
        runner = runner(store);
    }

    @Test
    void anOperatorStopAbortsTheExecutionAndItsWorkerDropsIt() {
        CompletableFuture<TaskInvoker.TaskResult> never = new CompletableFuture<>();
        answers.put("payment", call -> never);
        runner.start("order", "o-5", json("{}"));
        await().until(() -> calls.size() == 2);

        assertThat(store.requestStop("o-5", "Operator.Stop", "test", Clock.systemUTC().instant())).isTrue();
        assertThat(store.requestStop("o-5", "Operator.Stop", "again", Clock.systemUTC().instant())).isFalse();

        WorkflowRecord done = ended("o-5");
        assertThat(done.status()).isEqualTo(WorkflowStatus.ABORTED);
        await().until(() -> !runner.running("o-5"));
        never.complete(TaskInvoker.TaskResult.success(json("{}")));
        assertThat(store.history("o-5", 0, 100)).extracting(WorkflowEvent::kind)
                .containsExactly(WorkflowEvent.Kind.TASK_SUCCEEDED, WorkflowEvent.Kind.STOP_REQUESTED);
    }
}
