package io.edakit.workflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Event;
import io.edakit.workflow.engine.Execution;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits of issue 13, each in a child JVM with a 256 MB heap on an H2 file store: a Map over
 * many items, every iteration a durable task; and an execution with a long history, taken over
 * (replayed page by page), finished and read back page by page. {@code mvn verify} runs 10,000 items
 * and 100,000 history entries; the sizes are a system property away:
 * {@code -Dedakit.limits.items=100000 -Dedakit.limits.history=1000000} (figures in docs/workflow.md).
 */
class WorkflowLimitsTest {

    static final String EXECUTION = "limits-1";
    static final String MAP = """
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "ItemsPath": "$.items",
                "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Task", "Resource": "direct:item",
                   "End": true}}},
                "ResultSelector": {"count.$": "States.ArrayLength($)"}, "ResultPath": "$.result",
                "OutputPath": "$.result", "End": true}}}
            """;
    static final String LOOP = """
            {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "direct:work", "ResultPath": null, "Next": "More?"},
              "More?": {"Type": "Choice", "Default": "Done",
                "Choices": [{"Variable": "$.n", "NumericLessThanPath": "$.target", "Next": "Count"}]},
              "Count": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)", "target.$": "$.target"},
                "Next": "Work"},
              "Done": {"Type": "Succeed"}}}
            """;
    private static final List<String> SMALL_HEAP = List.of("-Xmx256m");

    @TempDir
    Path directory;

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private String url() {
        return "jdbc:h2:file:" + directory.resolve("workflow").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // the full sizes; verify's take a minute or two
    void aMapOverManyItemsWithADurableTaskEachFinishesInA256MegabyteHeap() throws Exception {
        int items = Integer.getInteger("edakit.limits.items", 10_000);
        long began = System.nanoTime();
        ChildJvm child = ChildJvm.start(directory, lines, SMALL_HEAP, LimitsRunner.class, "map", url(), "sa",
                String.valueOf(items));
        try {
            assertThat(child.waitFor(1700)).as("exit code; output: " + lines).isZero();
        } finally {
            child.kill(); // gone already, unless the test timed out
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        assertThat(lines).contains("ended SUCCEEDED {\"count\":" + items + "}");
        try (Connection connection = DriverManager.getConnection(url(), "sa", "")) {
            // every iteration's answer recorded once
            assertThat(ChildJvm.events(connection, EXECUTION, WorkflowEvent.Kind.TASK_SUCCEEDED)).isEqualTo(items);
        }
        System.out.printf("limits: Map of %,d items in a 256 MB heap: %,d ms, %s%n", items, millis, peak());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void anExecutionWithALongHistoryIsTakenOverFinishedAndReadInPagesInA256MegabyteHeap() throws Exception {
        int entries = Integer.getInteger("edakit.limits.history", 100_000);
        try (WorkflowStore store = WorkflowStore.open(url(), "sa", "", 2)) {
            // held by an instance that died: any instance claims it at once
            store.start(WorkflowRecord.starting(EXECUTION, "limits", "{\"n\": 0, \"target\": " + entries + "}",
                    Instant.now(), "gone#1"), Instant.EPOCH);
        }
        writeHistory(entries);
        long began = System.nanoTime();
        ChildJvm child = ChildJvm.start(directory, lines, SMALL_HEAP, LimitsRunner.class, "history", url(), "sa");
        try {
            assertThat(child.waitFor(1700)).as("exit code; output: " + lines).isZero();
        } finally {
            child.kill(); // gone already, unless the test timed out
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        assertThat(lines).contains("ended SUCCEEDED {\"n\":" + entries + ",\"target\":" + entries + "}");
        // the recorded answers, the takeover, the last answer, the ending: all read back, page by page
        assertThat(lines).contains("entries " + (entries + 3));
        System.out.printf("limits: %,d history entries replayed in a 256 MB heap: %,d ms, %s%n", entries, millis, peak());
    }

    private String peak() {
        return lines.stream().filter(line -> line.startsWith("peak-heap-mb")).findFirst().orElse("no peak reported");
    }

    /**
     * What the runner would have recorded for the first {@code entries} answers of {@link #LOOP}: the
     * interpreter is deterministic, so running it here gives the task ids it makes on replay.
     */
    private void writeHistory(int entries) throws Exception {
        JsonNode ok = WorkflowRunnerTest.json("{\"ok\": 1}");
        Interpreter interpreter = new Interpreter(AslParser.parse("limits.asl.json", LOOP));
        Instant at = Instant.now().minusSeconds(3600);
        Execution execution = Execution.create(EXECUTION, WorkflowRunnerTest.json("{\"n\": 0, \"target\": " + entries + "}"), at);
        String pending = call(interpreter.start(execution));
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + WorkflowStore.EVENTS
                     + " (execution_id, kind, at, ref, detail) VALUES (?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 1; i <= entries; i++) {
                Instant answered = at.plusMillis(i);
                insert.setString(1, EXECUTION);
                insert.setString(2, WorkflowEvent.Kind.TASK_SUCCEEDED.name());
                insert.setLong(3, answered.toEpochMilli());
                insert.setString(4, pending);
                insert.setString(5, "{\"ok\":1}");
                insert.addBatch();
                if (i % 10_000 == 0 || i == entries) {
                    insert.executeBatch();
                    connection.commit();
                }
                pending = call(interpreter.handle(execution, new Event.TaskSucceeded(pending, ok), answered));
            }
        }
    }

    private static String call(Step step) {
        return step.commands().stream().filter(Command.InvokeTask.class::isInstance).map(c -> ((Command.InvokeTask) c).taskId())
                .findFirst().orElseThrow();
    }
}
