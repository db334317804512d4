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
 * The child JVM of {@link FanoutCrashTest}: starts {@code count} executions of
 * {@link FanoutCrashTest#PARALLEL} ({@code p-1}...) and of {@link FanoutCrashTest#MAP} ({@code m-1}...)
 * on a runner whose "Fast" task and whose "Item" task for items below {@link FanoutCrashTest#ANSWERED}
 * answer at once, and whose other calls never answer; prints "called EXECUTION STATE TASK-ID ATTEMPT
 * INPUT" for every call made, until it is killed.
 *
 * <p>Arguments: JDBC URL, user, count.
 */
public final class FanoutCrashRunner {

    private FanoutCrashRunner() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        WorkflowStore store = WorkflowStore.open(args[0], args[1], "", 4);
        WorkflowRunner runner = new WorkflowRunner(store, call -> {
            out.println("called " + call.executionId() + " " + call.state() + " " + call.taskId() + " " + call.attempt()
                    + " " + WorkflowRunner.text(call.input()));
            boolean answers = call.state().equals("Fast")
                    || call.state().equals("Item") && call.input().asInt() < FanoutCrashTest.ANSWERED;
            return answers ? CompletableFuture.completedFuture(TaskInvoker.TaskResult.success(call.input()))
                    : new CompletableFuture<>();
        }, "child", WorkflowCrashTest.LEASE, 4, Duration.ofMillis(200), Clock.systemUTC());
        runner.register("parallel", new Interpreter(AslParser.parse("parallel.asl.json", FanoutCrashTest.PARALLEL)),
                WorkflowOutcomes.NONE);
        runner.register("map", new Interpreter(AslParser.parse("map.asl.json", FanoutCrashTest.MAP)), WorkflowOutcomes.NONE);
        int count = Integer.parseInt(args[2]);
        for (int i = 1; i <= count; i++) {
            runner.start("parallel", "p-" + i, FanoutCrashTest.input(i));
            runner.start("map", "m-" + i, FanoutCrashTest.input(i));
        }
        out.println("started");
        Thread.currentThread().join(); // the runner's threads are daemons: keep the JVM until it is killed
    }
}
