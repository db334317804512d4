package io.edakit.workflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.edakit.workflow.camel.CamelTaskInvoker;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step Functions' rule that a failed Map or Parallel stops its other iterations or branches, durably.
 * A child JVM ({@link MapCancelCrashRunner}) runs three executions whose tasks are HTTP calls to this
 * JVM ({@link HoldingTaskServer}), some held: a Map (MaxConcurrency 4) whose failed iterations exceed
 * its ToleratedFailureCount while two others wait on the held task; a Map (MaxConcurrency 3) whose
 * ItemSelector fails on its fourth item once an earlier iteration ended, while two wait; a Parallel
 * whose one branch fails while the other waits. Each Map or Parallel's Catch leads to a held task, and
 * the child is killed (kill -9) there; this JVM takes the executions over. Then: each took its Catch
 * path and succeeded; the held calls were made once, never again after the takeover, and the states
 * after them never; the history has each stopped call as TASK_CANCELLED, and every call made has one
 * settlement on record (an answer or a cancellation).
 */
class MapCancelCrashTest {

    static final Map<String, String> DEFINITIONS = Map.of(
            "tolerance", """
                    {"StartAt": "Each", "States": {
                      "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 4, "ToleratedFailureCount": 1,
                        "ItemProcessor": {"StartAt": "Work", "States": {
                          "Work": {"Type": "Task", "Resource": "URL/work", "Next": "After"},
                          "After": {"Type": "Task", "Resource": "URL/after", "End": true}}},
                        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handled"}], "End": true},
                      "Handled": {"Type": "Task", "Resource": "URL/handled", "End": true}}}
                    """,
            "selector", """
                    {"StartAt": "Each", "States": {
                      "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 3,
                        "ItemSelector": {"item.$": "$$.Map.Item.Value.item", "hold.$": "$$.Map.Item.Value.hold"},
                        "ItemProcessor": {"StartAt": "Work", "States": {
                          "Work": {"Type": "Task", "Resource": "URL/work", "Next": "After"},
                          "After": {"Type": "Task", "Resource": "URL/after", "End": true}}},
                        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handled"}], "End": true},
                      "Handled": {"Type": "Task", "Resource": "URL/handled", "End": true}}}
                    """,
            "parallel", """
                    {"StartAt": "Both", "States": {
                      "Both": {"Type": "Parallel", "Branches": [
                        {"StartAt": "Work", "States": {
                          "Work": {"Type": "Task", "Resource": "URL/work", "Parameters": {"hold": true}, "Next": "After"},
                          "After": {"Type": "Task", "Resource": "URL/after", "End": true}}},
                        {"StartAt": "Fails", "States": {
                          "Fails": {"Type": "Task", "Resource": "URL/work", "Parameters": {"fail": true}, "End": true}}}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handled"}], "End": true},
                      "Handled": {"Type": "Task", "Resource": "URL/handled", "End": true}}}
                    """);

    /** Execution id to input; the workflow is the id's prefix. */
    static final Map<String, String> EXECUTIONS = new LinkedHashMap<>();

    static {
        // items 0 and 1 held; 2 and 3 fail: the second failure exceeds the tolerated one
        EXECUTIONS.put("tolerance-1", "{\"items\": [{\"hold\": true}, {\"hold\": true}, {\"fail\": true}, {\"fail\": true}]}");
        // items 0 and 2 held, 1 answers (so item 3 is launched), 3 has no "item": its ItemSelector fails
        EXECUTIONS.put("selector-1", "{\"items\": [{\"item\": 0, \"hold\": true}, {\"item\": 1, \"hold\": false}, "
                + "{\"item\": 2, \"hold\": true}, {\"hold\": false}]}");
        EXECUTIONS.put("parallel-1", "{}");
    }

    /** The held /work calls each execution makes before its Map or Parallel fails. */
    private static final Map<String, Integer> HELD = Map.of("tolerance-1", 2, "selector-1", 2, "parallel-1", 1);
    /** Its /work calls in all, and its /after calls (selector-1's item 1 goes on before the Map fails). */
    private static final Map<String, Integer> WORK = Map.of("tolerance-1", 4, "selector-1", 3, "parallel-1", 2);
    private static final Map<String, Integer> AFTER = Map.of("tolerance-1", 0, "selector-1", 1, "parallel-1", 0);

    static String workflow(String executionId) {
        return executionId.substring(0, executionId.indexOf('-'));
    }

    @TempDir
    Path directory;

    @Test
    void aFailedMapOrParallelStopsItsOtherIterationsAndBranchesAndAKilledRunnerDoesNotResumeThem() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("workflow").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (HoldingTaskServer server = new HoldingTaskServer()) {
            ChildJvm child = ChildJvm.start(directory, new CopyOnWriteArrayList<>(), MapCancelCrashRunner.class, url, "sa",
                    String.valueOf(server.port()));
            try (Connection reader = DriverManager.getConnection(url, "sa", "")) {
                // each Map or Parallel failed (its held calls on record as cancelled) and its Catch's task is held
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() ->
                        EXECUTIONS.keySet().stream().allMatch(id -> count(server, id, "/handled") >= 1
                                && cancelled(reader, id) == HELD.get(id)));
            } finally {
                child.kill();
            }
            List<HoldingTaskServer.Call> beforeKill = server.calls();
            server.answerHandled();

            List<WorkflowRecord> ended = new CopyOnWriteArrayList<>();
            try (WorkflowStore store = WorkflowStore.open(url, "sa", "", 4);
                 CamelContext camel = new DefaultCamelContext()) {
                camel.start();
                WorkflowRunner runner = new WorkflowRunner(store, new CamelTaskInvoker(camel, camel.createProducerTemplate()),
                        "parent", FanoutCrashTest.PARENT_LEASE, 4, Duration.ofMillis(100), Clock.systemUTC());
                MapCancelCrashRunner.register(runner, server.port(), ended::add);
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> ended.size() >= EXECUTIONS.size());
                } finally {
                    runner.close();
                }
                for (String id : EXECUTIONS.keySet()) {
                    WorkflowRecord record = store.find(id).orElseThrow();
                    assertThat(record.status()).as(id).isEqualTo(WorkflowStatus.SUCCEEDED); // by the Catch path
                    assertThat(WorkflowRunner.parse(record.output()).has("error")).as(id).isTrue();
                    // the held calls were made once, in the child; nothing of theirs after the takeover
                    assertThat(count(server, id, "/work")).as(id).isEqualTo(WORK.get(id));
                    assertThat(count(server, id, "/after")).as(id).isEqualTo(AFTER.get(id));
                    List<String> held = beforeKill.stream().filter(call -> id.equals(call.executionId())
                            && call.path().equals("/work") && call.body().path("hold").asBoolean())
                            .map(HoldingTaskServer.Call::taskId).toList();
                    assertThat(held).as(id).hasSize(HELD.get(id)).doesNotHaveDuplicates();
                    // the Catch's task: made by the child, and once more (same id) by the takeover
                    List<String> handled = server.calls().stream().filter(call -> id.equals(call.executionId())
                            && call.path().equals("/handled")).map(HoldingTaskServer.Call::taskId).toList();
                    assertThat(handled).as(id).hasSize(2).containsOnly(handled.get(0));

                    List<WorkflowEvent> history = store.history(id, 0, 1000);
                    assertThat(history).as(id).filteredOn(e -> e.kind() == WorkflowEvent.Kind.TASK_CANCELLED)
                            .extracting(WorkflowEvent::ref).containsExactlyInAnyOrderElementsOf(held);
                    assertThat(history).filteredOn(e -> e.kind() == WorkflowEvent.Kind.TASK_CANCELLED)
                            .allSatisfy(e -> assertThat(e.detail()).startsWith("Work: stopped: "));
                    // counts balance: every call made is settled on record exactly once (answered or cancelled)
                    List<String> made = server.calls().stream().filter(call -> id.equals(call.executionId()))
                            .map(HoldingTaskServer.Call::taskId).distinct().toList();
                    List<String> settled = history.stream().filter(e -> e.kind() == WorkflowEvent.Kind.TASK_SUCCEEDED
                            || e.kind() == WorkflowEvent.Kind.TASK_FAILED || e.kind() == WorkflowEvent.Kind.TASK_CANCELLED)
                            .map(WorkflowEvent::ref).toList();
                    assertThat(settled).as(id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(made);
                    assertThat(history).filteredOn(e -> e.kind() == WorkflowEvent.Kind.ENDED).hasSize(1);
                }
                assertThat(ended).hasSize(EXECUTIONS.size());
            }
        }
    }

    private static int count(HoldingTaskServer server, String executionId, String path) {
        return (int) server.calls().stream().filter(call -> executionId.equals(call.executionId()) && call.path().equals(path))
                .count();
    }

    private static int cancelled(Connection reader, String executionId) {
        try {
            return ChildJvm.events(reader, executionId, WorkflowEvent.Kind.TASK_CANCELLED);
        } catch (Exception e) {
            throw new IllegalStateException(e); // the child holds a lock: polled again
        }
    }
}
