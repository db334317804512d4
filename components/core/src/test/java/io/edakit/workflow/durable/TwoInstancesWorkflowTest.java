package io.edakit.workflow.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.edakit.testing.SharedPostgres;
import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.TaskInvoker;
import org.junit.jupiter.api.Test;

/**
 * Two runners (two instances, each with its own store connection pool) sharing one PostgreSQL
 * store run {@value #DEFAULT_EXECUTIONS} executions (a system property away from the 10,000:
 * {@code -Dedakit.two-instances.executions=10000}), half Parallel and half Map, each followed by a
 * Join task; tasks answer asynchronously. Halfway, instance A stops (lets go of what it holds, calls
 * in flight included) and B takes its executions over. Then every execution ended exactly once,
 * succeeded with each branch's or iteration's result once, and joined once: one Join task id per
 * execution, whichever instance called it.
 */
class TwoInstancesWorkflowTest {

    static final int DEFAULT_EXECUTIONS = 2_000;

    private final Map<String, List<Command.InvokeTask>> calls = new ConcurrentHashMap<>();
    private final List<WorkflowRecord> outcomes = new CopyOnWriteArrayList<>();
    private final ExecutorService participants = Executors.newFixedThreadPool(4);

    private WorkflowRunner runner(WorkflowStore store, String name) {
        WorkflowRunner runner = new WorkflowRunner(store, call -> {
            calls.computeIfAbsent(call.executionId(), id -> new CopyOnWriteArrayList<>()).add(call);
            return CompletableFuture.supplyAsync(() -> TaskInvoker.TaskResult.success(call.input()), participants);
        }, name, Duration.ofSeconds(2), 8, Duration.ofMillis(200), Clock.systemUTC());
        runner.register("parallel", new Interpreter(AslParser.parse("parallel.asl.json", FanoutCrashTest.PARALLEL)),
                outcomes::add);
        runner.register("map", new Interpreter(AslParser.parse("map.asl.json", FanoutCrashTest.MAP)), outcomes::add);
        return runner;
    }

    @Test
    void twoInstancesOnPostgresEndEachExecutionOnceAndJoinEachFanoutOnce() throws Exception {
        int executions = Integer.getInteger("edakit.two-instances.executions", DEFAULT_EXECUTIONS);
        String url = SharedPostgres.newDatabase();
        try (WorkflowStore storeA = WorkflowStore.open(url, "postgres", "", 8);
             WorkflowStore storeB = WorkflowStore.open(url, "postgres", "", 8)) {
            WorkflowRunner a = runner(storeA, "a");
            WorkflowRunner b = runner(storeB, "b");
            long began = System.nanoTime();
            try {
                for (int i = 0; i < executions; i++) {
                    WorkflowRunner on = i % 2 == 0 ? a : b;
                    String kind = i % 4 < 2 ? "parallel" : "map";
                    on.start(kind, kind.charAt(0) + "-" + i, FanoutCrashTest.input(i));
                }
                // the waits grow with the size: verify's 2,000 keep their minute, the 10,000 get five
                Duration patience = Duration.ofSeconds(Math.max(60, executions * 30L / 1_000));
                await().atMost(patience).until(() -> outcomes.size() >= executions / 2);
                a.close(); // halfway: A lets go of what it holds; B takes it over
                await().atMost(patience.multipliedBy(3).dividedBy(2)).until(() -> storeB.countByStatus().get(WorkflowStatus.SUCCEEDED)
                        == executions);
                await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.stream().map(WorkflowRecord::id).distinct()
                        .count() == executions);
            } finally {
                a.close();
                b.close();
                participants.shutdownNow();
            }
            long millis = (System.nanoTime() - began) / 1_000_000;

            Map<String, Long> endings = outcomes.stream().collect(Collectors.groupingBy(WorkflowRecord::id,
                    Collectors.counting()));
            assertThat(endings).hasSize(executions);
            assertThat(endings.values()).containsOnly(1L);
            assertThat(storeB.countByStatus()).containsEntry(WorkflowStatus.SUCCEEDED, (long) executions);
            for (int i = 0; i < executions; i++) {
                boolean parallel = i % 4 < 2;
                String id = (parallel ? "p-" : "m-") + i;
                Set<String> joins = calls.get(id).stream().filter(call -> call.state().equals("Join"))
                        .map(Command.InvokeTask::taskId).collect(Collectors.toSet());
                assertThat(joins).as("the joins of " + id).hasSize(1);
                JsonNode output = WorkflowRunner.parse(storeB.find(id).orElseThrow().output());
                assertThat(output).as(id).isEqualTo(parallel
                        ? WorkflowRunnerTest.json("[{\"branch\": \"fast\", \"n\": " + i + "}, {\"branch\": \"slow\", \"n\": "
                        + i + "}]")
                        : WorkflowRunnerTest.json("[0, 1, 2, 3, 4, 5, 6, 7]"));
                // each branch's or iteration's task answered once on record
                List<String> answered = storeB.history(id, 0, 1000).stream()
                        .filter(e -> e.kind() == WorkflowEvent.Kind.TASK_SUCCEEDED).map(WorkflowEvent::ref).toList();
                assertThat(answered).as(id).doesNotHaveDuplicates().hasSize(parallel ? 3 : FanoutCrashTest.ITEMS + 1);
            }
            long stored = storeB.countByStatus().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("two instances on PostgreSQL: %,d executions in %,d ms (%,d in the store)%n", executions,
                    millis, stored);
        }
    }
}
