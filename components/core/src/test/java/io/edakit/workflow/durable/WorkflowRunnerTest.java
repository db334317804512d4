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
        return runner(on, 5);
    }

    private WorkflowRunner runner(WorkflowStore on, int parkAfter) {
        WorkflowRunner created = new WorkflowRunner(on, call -> {
            calls.add(call);
            return answers.get(call.resource()).apply(call);
        }, WorkflowRunner.instanceName("test"), Duration.ofMillis(600), 4, Duration.ofMillis(100), Clock.systemUTC(),
                parkAfter);
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
    void everyObserverIsToldOfAnExecutionHeldAndReleasedOnce() {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        runner.observe(recording(first));
        runner.observe(recording(second)); // added to the first, not in its place
        answers.put("inventory", call -> ok("{\"available\": false}"));
        runner.start("order", "o-observed", json("{\"order\": 1}"));

        assertThat(ended("o-observed").status()).isEqualTo(WorkflowStatus.FAILED);
        await().atMost(Duration.ofSeconds(20)).until(() -> second.size() == 3);
        assertThat(first).containsExactly("held o-observed order", "ended failed", "released o-observed failed");
        assertThat(second).isEqualTo(first);
    }

    private static WorkflowObserver recording(List<String> told) {
        return new WorkflowObserver() {
            @Override
            public void held(String executionId, String workflow) {
                told.add("held " + executionId + " " + workflow);
            }

            @Override
            public void ended(WorkflowStatus status) {
                told.add("ended " + status.label());
            }

            @Override
            public void released(String executionId, Optional<WorkflowStatus> ended) {
                told.add("released " + executionId + " " + ended.map(WorkflowStatus::label).orElse("still running"));
            }
        };
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
        // marked once the publication returned, just after the observer above saw it
        await().atMost(Duration.ofSeconds(20)).until(() -> store.find("o-1").orElseThrow().outcomePublished());
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

    @Test
    void anExecutionWhoseHistoryCannotBeReplayedIsParkedAfterItsFaultsAndStaysParked() throws Exception {
        CompletableFuture<TaskInvoker.TaskResult> never = new CompletableFuture<>();
        answers.put("payment", call -> never);
        runner.start("order", "o-6", json("{}"));
        await().until(() -> calls.size() == 2);
        runner.close(); // lets go of it
        // a poisoned history: the payment's answer on record is not JSON (what a bug or a hand edit leaves)
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, user(), "");
             java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO " + WorkflowStore.EVENTS
                     + " (execution_id, kind, at, ref, detail) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, "o-6");
            insert.setString(2, WorkflowEvent.Kind.TASK_SUCCEEDED.name());
            insert.setLong(3, System.currentTimeMillis());
            insert.setString(4, calls.get(1).taskId());
            insert.setString(5, "{not json");
            insert.executeUpdate();
        }
        runner = runner(store, 3);

        await().atMost(Duration.ofSeconds(30)).until(() -> store.find("o-6").orElseThrow().status() == WorkflowStatus.PARKED);
        WorkflowRecord parked = store.find("o-6").orElseThrow();
        assertThat(parked.faults()).isEqualTo(3);
        assertThat(parked.error()).isEqualTo(IllegalStateException.class.getName());
        assertThat(parked.cause()).contains("not JSON");
        assertThat(parked.owner()).isNull();
        // it stays parked: no instance claims it, nothing is published, no call is made again
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                store.find("o-6").orElseThrow().status() == WorkflowStatus.PARKED && !runner.running("o-6"));
        List<WorkflowEvent.Kind> kinds = store.history("o-6", 0, 100).stream().map(WorkflowEvent::kind).toList();
        assertThat(kinds.stream().filter(kind -> kind == WorkflowEvent.Kind.RESUMED)).hasSize(3);
        assertThat(kinds.stream().filter(kind -> kind == WorkflowEvent.Kind.FAULT)).hasSize(3);
        assertThat(kinds).endsWith(WorkflowEvent.Kind.FAULT, WorkflowEvent.Kind.PARKED);
        assertThat(calls).hasSize(2);
        assertThat(outcomes).noneMatch(o -> o.id().equals("o-6"));
        assertThat(store.list(Optional.of(WorkflowStatus.PARKED), 10)).extracting(WorkflowRecord::id).containsExactly("o-6");
        assertThat(store.countByStatus()).containsEntry(WorkflowStatus.PARKED, 1L);

        // an operator stops it: it ends aborted and its outcome is published once
        assertThat(store.requestStop("o-6", "States.Aborted", "parked: stopped", Clock.systemUTC().instant())).isTrue();
        assertThat(ended("o-6").status()).isEqualTo(WorkflowStatus.ABORTED);
        assertThat(outcomes.stream().filter(o -> o.id().equals("o-6"))).hasSize(1);

        // redriven with its history still poisoned: its faults count from zero, so it is parked again
        // only after three new ones, not at the first
        assertThat(store.requestRedrive("o-6", Clock.systemUTC().instant())).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> store.history("o-6", 0, 200).stream()
                .filter(event -> event.kind() == WorkflowEvent.Kind.PARKED).count() == 2);
        WorkflowRecord again = store.find("o-6").orElseThrow();
        assertThat(again.status()).isEqualTo(WorkflowStatus.PARKED);
        assertThat(again.faults()).isEqualTo(3);
        List<WorkflowEvent.Kind> afterRedrive = store.history("o-6", 0, 200).stream().map(WorkflowEvent::kind)
                .dropWhile(kind -> kind != WorkflowEvent.Kind.REDRIVEN).toList();
        assertThat(afterRedrive.stream().filter(kind -> kind == WorkflowEvent.Kind.FAULT)).hasSize(3);
        assertThat(calls).as("a replay makes no call it has an answer for").hasSize(2);
    }

    @Test
    void anAnswerTheStoreRefusesParksTheExecutionAfterTheSameCallWasMadeOncePerAttempt() {
        String tooLong = "x".repeat(1_000_001); // the history keeps at most a million characters per entry
        answers.put("payment", call -> ok("{\"receipt\": \"" + tooLong + "\"}"));
        runner.close();
        runner = runner(store, 2);
        runner.start("order", "o-7", json("{}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> store.find("o-7").orElseThrow().status() == WorkflowStatus.PARKED);
        WorkflowRecord parked = store.find("o-7").orElseThrow();
        assertThat(parked.faults()).isEqualTo(2);
        assertThat(parked.cause()).contains("could not append to");
        // the call was made again (same task id, attempt 1) by the takeover after the first fault, then parked
        List<Command.InvokeTask> payments = calls.stream().filter(call -> call.resource().equals("payment")).toList();
        assertThat(payments).hasSize(2);
        assertThat(payments).extracting(Command.InvokeTask::taskId).containsOnly(payments.get(0).taskId());
        assertThat(payments).extracting(Command.InvokeTask::attempt).containsOnly(1);
        assertThat(store.history("o-7", 0, 100)).extracting(WorkflowEvent::kind).containsExactly(
                WorkflowEvent.Kind.TASK_SUCCEEDED, WorkflowEvent.Kind.FAULT, WorkflowEvent.Kind.RESUMED,
                WorkflowEvent.Kind.FAULT, WorkflowEvent.Kind.PARKED);
    }
    @Test
    void aParkedExecutionWhoseCauseIsFixedIsResumedInPlaceAndCompletes() {
        String tooLong = "x".repeat(1_000_001); // an answer the store refuses: running the execution throws
        answers.put("payment", call -> ok("{\"receipt\": \"" + tooLong + "\"}"));
        runner.close();
        runner = runner(store, 2);
        runner.start("order", "o-8", json("{}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.find("o-8").orElseThrow().status() == WorkflowStatus.PARKED);
        assertThat(runner.resumeParked("o-1-unknown")).isFalse();

        // the participant is fixed; the operator resumes the execution where it is
        answers.put("payment", call -> ok("{\"paid\": 42}"));
        assertThat(runner.resumeParked("o-8")).isTrue();
        assertThat(runner.resumeParked("o-8")).as("running now: nothing to resume").isFalse();

        WorkflowRecord done = ended("o-8");
        assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(done.faults()).isZero();
        assertThat(json(done.output()).at("/payment/paid").asInt()).isEqualTo(42);
        // inventory was not asked again; the payment was made once per attempt, always with the same task id
        assertThat(calls.stream().filter(call -> call.resource().equals("inventory"))).hasSize(1);
        List<Command.InvokeTask> payments = calls.stream().filter(call -> call.resource().equals("payment")).toList();
        assertThat(payments).hasSize(3).extracting(Command.InvokeTask::taskId).containsOnly(payments.get(0).taskId());
        assertThat(calls.stream().filter(call -> call.resource().equals("shipping"))).hasSize(1);
        List<WorkflowEvent> history = store.history("o-8", 0, 100);
        assertThat(history).extracting(WorkflowEvent::kind).containsSubsequence(WorkflowEvent.Kind.PARKED,
                WorkflowEvent.Kind.RESUMED, WorkflowEvent.Kind.TASK_SUCCEEDED, WorkflowEvent.Kind.ENDED);
        assertThat(history).filteredOn(entry -> WorkflowStore.RESUMED_BY_OPERATOR.equals(entry.detail())).hasSize(1);
        assertThat(outcomes.stream().filter(o -> o.id().equals("o-8"))).hasSize(1);
        assertThat(runner.resumeParked("o-8")).as("succeeded: nothing to resume").isFalse();
    }
}
