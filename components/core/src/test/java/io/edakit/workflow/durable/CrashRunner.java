package io.edakit.workflow.durable;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.TaskInvoker;

/**
 * The child JVM of {@link WorkflowCrashTest}: runs {@link WorkflowCrashTest#FLOW} on a runner whose
 * "Prepare" task answers at once and whose "Slow" task never answers; prints "called STATE TASK-ID
 * ATTEMPT" for every call made, until it is killed.
 *
 * <p>Arguments: JDBC URL, execution id, user.
 */
public final class CrashRunner {

    private CrashRunner() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        WorkflowStore store = WorkflowStore.open(args[0], args[2], "", 4);
        WorkflowRunner runner = new WorkflowRunner(store, call -> {
            out.println("called " + call.state() + " " + call.taskId() + " " + call.attempt());
            return call.state().equals("Prepare")
                    ? CompletableFuture.completedFuture(TaskInvoker.TaskResult.success(WorkflowRunnerTest.json("{\"prepared\": true}")))
                    : new CompletableFuture<>();
        }, "child", WorkflowCrashTest.LEASE, 4, Duration.ofMillis(200), Clock.systemUTC());
        runner.register("crash", new Interpreter(AslParser.parse("crash.asl.json", WorkflowCrashTest.FLOW)),
                WorkflowOutcomes.NONE);
        runner.start("crash", args[1], WorkflowRunnerTest.json("{\"n\": 1}"));
        out.println("started");
        Thread.currentThread().join(); // the runner's threads are daemons: keep the JVM until it is killed
    }
}
