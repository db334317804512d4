package io.edakit.workflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.TaskInvoker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callback tasks ({@code .waitForTaskToken}) on the durable runner over an H2 file: the token in the
 * request, answers through the Java API and through the store alone (as the CLI sends them), an answer
 * after a restart, TimeoutSeconds and HeartbeatSeconds as catchable and retryable errors, refused tokens.
 */
class CallbackTaskTest {

    static final String APPROVAL = """
            {"StartAt": "Approve", "States": {
              "Approve": {"Type": "Task", "Resource": "approvals.waitForTaskToken",
                          "Parameters": {"order.$": "$.order", "token.$": "$$.Task.Token"},
                          "TimeoutSeconds": %s, %s "ResultPath": "$.approval",
                          "Retry": [{"ErrorEquals": ["States.HeartbeatTimeout"], "MaxAttempts": %d, "IntervalSeconds": 1}],
                          "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.late", "Next": "Escalate"}],
                          "End": true},
              "Escalate": {"Type": "Pass", "Result": "escalated", "ResultPath": "$.escalation", "End": true}}}
            """;

    @TempDir
    Path directory;

    private final List<Command.InvokeTask> requests = new CopyOnWriteArrayList<>();
    private final List<WorkflowRecord> outcomes = new CopyOnWriteArrayList<>();
    private WorkflowStore store;
    private WorkflowRunner runner;

    private void open(String definition) {
        store = WorkflowStore.open("jdbc:h2:file:" + directory.resolve("workflow"), "sa", "", 4);
        runner = new WorkflowRunner(store, call -> {
            requests.add(call);
            return CompletableFuture.completedFuture(TaskInvoker.TaskResult.success(null));
        }, WorkflowRunner.instanceName("test"), Duration.ofMillis(900), 4, Duration.ofMillis(100), Clock.systemUTC());
        runner.register("approval", new Interpreter(AslParser.parse("approval.asl.json", definition)), outcomes::add);
    }

    private static String approval(int timeoutSeconds, String heartbeat, int retries) {
        return APPROVAL.formatted(timeoutSeconds, heartbeat, retries);
    }

    @AfterEach
    void close() {
        runner.close();
        store.close();
    }

    private Command.InvokeTask request(int number) {
        await().atMost(Duration.ofSeconds(20)).until(() -> requests.size() >= number);
        return requests.get(number - 1);
    }

    private WorkflowRecord ended(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.stream().anyMatch(o -> o.id().equals(id)));
        return store.find(id).orElseThrow();
    }

    @Test
    void theRequestCarriesTheTokenAndASuccessSentWithItIsTheTaskResult() {
        open(approval(60, "", 0));
        runner.start("approval", "a-1", WorkflowRunnerTest.json("{\"order\": 7}"));

        Command.InvokeTask request = request(1);
        assertThat(request.callback()).isTrue();
        assertThat(request.input().get("token").asText()).isEqualTo(request.taskToken()).hasSize(44);
        assertThat(request.input().get("order").asInt()).isEqualTo(7);
        assertThat(store.find("a-1").orElseThrow().status()).isEqualTo(WorkflowStatus.RUNNING);

        CallbackTask accepted = runner.callbacks().success(request.taskToken(), "{\"approved\": true}");

        assertThat(accepted.executionId()).isEqualTo("a-1");
        assertThat(accepted.state()).isEqualTo("Approve");
        WorkflowRecord done = ended("a-1");
        assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(WorkflowRunnerTest.json(done.output()).at("/approval/approved").asBoolean()).isTrue();
        assertThat(store.history("a-1", 0, 10)).extracting(WorkflowEvent::kind)
                .containsExactly(WorkflowEvent.Kind.TASK_SUCCEEDED, WorkflowEvent.Kind.ENDED);
        assertThatThrownBy(() -> runner.callbacks().success(request.taskToken(), "{}"))
                .isInstanceOf(TaskTokenRefused.class).hasMessageContaining("was answered at")
                .hasMessageContaining("attempt 1");
        assertThat(requests).hasSize(1);
    }

    @Test
    void aFailureSentWithTheTokenIsTheTasksErrorForCatchAndRetry() {
        open(approval(60, "", 0));
        runner.start("approval", "a-2", WorkflowRunnerTest.json("{\"order\": 1}"));

        runner.callbacks().failure(request(1).taskToken(), "Approval.Rejected", "over budget");

        WorkflowRecord done = ended("a-2");
        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(done.error()).isEqualTo("Approval.Rejected");
        assertThat(done.cause()).isEqualTo("over budget");
    }

    @Test
    void anAnswerAfterARestartIsAppliedByTheNewRunnerOnTheSameFile() {
        open(approval(60, "", 0));
        runner.start("approval", "a-3", WorkflowRunnerTest.json("{\"order\": 3}"));
        String token = request(1).taskToken();
        runner.close();
        store.close();
        requests.clear();

        open(approval(60, "", 0));
        // resumed: the request is made again with the same task id and token (participants may be idempotent)
        assertThat(request(1).taskToken()).isEqualTo(token);
        // answered as the CLI does, through the store alone: the runner's scan applies it
        new TaskCallbacks(store, Clock.systemUTC()).success(token, "{\"approved\": \"later\"}");

        WorkflowRecord done = ended("a-3");
        assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(WorkflowRunnerTest.json(done.output()).at("/approval/approved").asText()).isEqualTo("later");
        assertThat(requests).hasSize(1);
    }

    @Test
    void aMissedHeartbeatIsRetriedWithANewTokenAndTheOldOneIsRefused() {
        open(approval(60, "\"HeartbeatSeconds\": 1,", 1));
        runner.start("approval", "a-4", WorkflowRunnerTest.json("{\"order\": 4}"));
        Command.InvokeTask first = request(1);
        CallbackTask beat = runner.callbacks().heartbeat(first.taskToken());
        assertThat(beat.status()).isEqualTo(CallbackTask.Status.WAITING);

        // no further heartbeat: States.HeartbeatTimeout, retried once as a new attempt with a new token
        Command.InvokeTask second = request(2);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.taskToken()).isNotEqualTo(first.taskToken());
        assertThatThrownBy(() -> runner.callbacks().success(first.taskToken(), "{}"))
                .isInstanceOf(TaskTokenRefused.class).hasMessageContaining("attempt 1")
                .hasMessageContaining("States.HeartbeatTimeout");

        // the second attempt misses its heartbeat too: retries exhausted, no catcher for it
        WorkflowRecord done = ended("a-4");
        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.HeartbeatTimeout");
        assertThat(requests).hasSize(2);
        assertThat(store.callbacks().find(first.taskToken()).orElseThrow().heartbeatAt())
                .isAfter(store.callbacks().find(first.taskToken()).orElseThrow().openedAt().minusMillis(1));
    }

    @Test
    void timeoutSecondsIsStatesTimeoutForACatcherAndALateAnswerIsRefused() {
        open(approval(1, "", 0));
        runner.start("approval", "a-5", WorkflowRunnerTest.json("{\"order\": 5}"));
        String token = request(1).taskToken();

        WorkflowRecord done = ended("a-5");

        assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(WorkflowRunnerTest.json(done.output()).at("/late/Error").asText()).isEqualTo("States.Timeout");
        assertThat(WorkflowRunnerTest.json(done.output()).at("/escalation").asText()).isEqualTo("escalated");
        assertThatThrownBy(() -> runner.callbacks().success(token, "{}"))
                .isInstanceOf(TaskTokenRefused.class).hasMessageContaining("States.Timeout");
    }

    @Test
    void anUnknownTokenAndAStoppedExecutionsTokenAreRefused() {
        open(approval(60, "", 0));
        assertThatThrownBy(() -> runner.callbacks().success("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "{}"))
                .isInstanceOf(TaskTokenRefused.Unknown.class).hasMessageContaining("unknown task token");
        runner.start("approval", "a-6", WorkflowRunnerTest.json("{\"order\": 6}"));
        String token = request(1).taskToken();

        store.requestStop("a-6", "States.Aborted", "stopped by a test", java.time.Instant.now());

        assertThatThrownBy(() -> runner.callbacks().heartbeat(token))
                .isInstanceOf(TaskTokenRefused.class).hasMessageContaining("the execution was stopped");
        assertThatThrownBy(() -> runner.callbacks().success(token, "not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    }
}
