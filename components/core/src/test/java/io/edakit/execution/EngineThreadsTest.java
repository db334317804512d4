package io.edakit.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * Stopping an engine's threads: what runs ends uninterrupted (an interrupt in an H2 file read closes
 * the database), delayed work is dropped, and the executors stop in the order given.
 */
class EngineThreadsTest {

    @Test
    void aRunningScanEndsUninterruptedAndDelayedWorkIsDropped() throws Exception {
        ScheduledExecutorService scanner = EngineThreads.scheduled("test-scan");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean delayedRan = new AtomicBoolean();
        scanner.execute(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        scanner.schedule(() -> delayedRan.set(true), 1, TimeUnit.HOURS);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        ExecutorService stopper = Executors.newSingleThreadExecutor();
        try {
            var stopped = stopper.submit(() -> EngineThreads.stop(Duration.ofMinutes(1), scanner));
            await().atMost(Duration.ofSeconds(10)).until(scanner::isShutdown);
            assertThat(stopped).isNotDone(); // waits for the scan, does not interrupt it
            release.countDown();
            stopped.get(10, TimeUnit.SECONDS);
        } finally {
            stopper.shutdownNow();
        }
        assertThat(scanner.isTerminated()).isTrue();
        assertThat(interrupted).isFalse();
        assertThat(delayedRan).isFalse();
    }

    @Test
    void theWorkOfOneExecutorHandedToTheNextBeforeItStoppedStillRuns() {
        ScheduledExecutorService scanner = EngineThreads.scheduled("test-scan");
        ExecutorService workers = Executors.newFixedThreadPool(2, EngineThreads.numbered("test-worker-"));
        CountDownLatch handed = new CountDownLatch(1);
        scanner.execute(() -> workers.execute(handed::countDown));

        EngineThreads.stop(Duration.ofSeconds(30), scanner, workers);

        assertThat(handed.getCount()).isZero();
        assertThat(workers.isTerminated()).isTrue();
    }

    @Test
    void threadsAreDaemonsNamedAfterTheirJob() throws Exception {
        Thread first = EngineThreads.numbered("edakit-test-").newThread(() -> { });
        Thread scan = EngineThreads.named("edakit-test-scan").newThread(() -> { });

        assertThat(first.getName()).isEqualTo("edakit-test-1");
        assertThat(scan.getName()).isEqualTo("edakit-test-scan");
        assertThat(first.isDaemon() && scan.isDaemon()).isTrue();
    }
}
