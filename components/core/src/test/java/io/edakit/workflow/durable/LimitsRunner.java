package io.edakit.workflow.durable;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.TaskInvoker;
import io.edakit.workflow.path.JsonPaths;

/**
 * The child JVM of {@link WorkflowLimitsTest}, run with a small heap ({@code -Xmx256m}). Two modes:
 * <ul>
 *   <li>{@code map URL USER ITEMS}: starts one execution of {@link WorkflowLimitsTest#MAP} over ITEMS
 *       items, each a task answered at once, and waits for its end;</li>
 *   <li>{@code history URL USER}: takes over the execution of {@link WorkflowLimitsTest#LOOP} whose
 *       long history the test wrote, replays it, finishes it, then reads the whole history page by page.</li>
 * </ul>
 * Prints "ended STATUS OUTPUT", then "entries N" (history mode) and "peak-heap-mb M" (the old
 * generation's peak use), and exits.
 */
public final class LimitsRunner {

    private LimitsRunner() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        boolean map = args[0].equals("map");
        CountDownLatch ended = new CountDownLatch(1);
        try (WorkflowStore store = WorkflowStore.open(args[1], args[2], "", 8)) {
            WorkflowRunner runner = new WorkflowRunner(store, call -> CompletableFuture.completedFuture(
                    TaskInvoker.TaskResult.success(map ? call.input() : WorkflowRunnerTest.json("{\"ok\": 1}"))),
                    "limits", Duration.ofSeconds(30), 8, Duration.ofMillis(200), Clock.systemUTC());
            String definition = map ? WorkflowLimitsTest.MAP : WorkflowLimitsTest.LOOP;
            runner.register("limits", new Interpreter(AslParser.parse("limits.asl.json", definition)),
                    outcome -> ended.countDown());
            if (map) {
                ObjectNode input = JsonPaths.MAPPER.createObjectNode();
                int items = Integer.parseInt(args[3]);
                for (int i = 0; i < items; i++) {
                    input.withArray("items").add(i);
                }
                runner.start("limits", WorkflowLimitsTest.EXECUTION, input);
            }
            if (!ended.await(20, TimeUnit.MINUTES)) {
                out.println("not ended in 20 minutes");
            }
            runner.close();
            WorkflowRecord record = store.find(WorkflowLimitsTest.EXECUTION).orElseThrow();
            out.println("ended " + record.status() + " " + record.output());
            if (!map) {
                long entries = 0;
                long after = 0;
                for (List<WorkflowEvent> page = store.history(record.id(), after, WorkflowStore.PAGE); !page.isEmpty();
                     page = store.history(record.id(), after, WorkflowStore.PAGE)) {
                    entries += page.size();
                    after = page.get(page.size() - 1).seq();
                }
                out.println("entries " + entries);
            }
        }
        // the old generation's peak: what stayed live (the young pools' peaks are only allocation churn)
        long oldPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                oldPeak = Math.max(oldPeak, pool.getPeakUsage().getUsed());
            }
        }
        out.println("peak-heap-mb " + oldPeak / (1024 * 1024) + " (old generation) max-heap-mb "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
