package io.edakit.execution;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of an engine on the durable execution core (the saga engine, the workflow runner):
 * daemon threads named after what they do, and how they are stopped.
 */
public final class EngineThreads {

    private EngineThreads() {
    }

    /**
     * One daemon thread named {@code name} that runs scheduled work (a scan, timers); once stopped
     * ({@link #stop}) it runs only what it is running: delayed and periodic work is dropped.
     */
    public static ScheduledExecutorService scheduled(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, named(name));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Daemon threads all named {@code name} (a single-thread executor's). */
    public static ThreadFactory named(String name) {
        return runnable -> daemon(runnable, name);
    }

    /** Daemon threads named {@code prefix1}, {@code prefix2} ... (a pool's). */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> daemon(runnable, prefix + number.incrementAndGet());
    }

    /**
     * Stops {@code executors} one after another: each runs what it is running and has queued (periodic
     * tasks end) for up to {@code grace}, and only then is interrupted. Not interrupted at once: a
     * thread interrupted while it reads an H2 file closes the file's channel (java.nio does), and with
     * it the database for every connection in the process (the workflow bench saw a scan stopped so
     * fail with "MVStoreException: Reading from file ... failed" as its runner closed).
     */
    public static void stop(Duration grace, ExecutorService... executors) {
        boolean interrupted = false;
        for (ExecutorService executor : executors) {
            // in turn: the one before (a scan) may hand work to the next (the workers) until it ended
            executor.shutdown();
            try {
                if (interrupted || !executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                interrupted = true;
                executor.shutdownNow();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
