package io.edakit.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;

/**
 * Drives request-reply: {@code callers} threads, each with its own {@link BenchTransport.Caller},
 * together making {@code total} synchronous calls, every call's latency recorded (HdrHistogram,
 * nanoseconds, 3 significant digits) and every reply checked to echo its request.
 */
final class CallLoad {

    /** Outcome of one load: calls that got their echo, wall time from the first call to the last reply. */
    record Outcome(long ok, long elapsedNanos, Histogram latencies, Throwable firstFailure) {

        double rate() {
            return Stats.rate(ok, elapsedNanos);
        }

        double percentileMillis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1e6;
        }
    }

    interface CallerFactory {
        BenchTransport.Caller newCaller() throws Exception;
    }

    private CallLoad() {
    }

    static Outcome run(int callers, int total, byte[] payload, CallerFactory factory, Duration timeout)
            throws Exception {
        AtomicLong start = new AtomicLong();
        CyclicBarrier ready = new CyclicBarrier(callers, () -> start.set(System.nanoTime()));
        AtomicLong end = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int calls = total / callers + (c < total % callers ? 1 : 0);
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            histograms.add(histogram);
            Thread thread = new Thread(() -> {
                try (BenchTransport.Caller caller = factory.newCaller()) {
                    ready.await();
                    for (int i = 0; i < calls && failure.get() == null; i++) {
                        long before = System.nanoTime();
                        byte[] reply = caller.call(payload);
                        long after = System.nanoTime();
                        if (!Arrays.equals(reply, payload)) {
                            throw new IllegalStateException("reply is not the echo of the request: "
                                    + (reply == null ? "null" : new String(reply, StandardCharsets.UTF_8)));
                        }
                        histogram.recordValue(Math.min(after - before, histogram.getHighestTrackableValue()));
                        ok.incrementAndGet();
                        end.accumulateAndGet(after, Math::max);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    ready.reset();
                }
            }, "bench-caller-" + c);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                failure.compareAndSet(null, new IllegalStateException("callers still busy after "
                        + timeout.toSeconds() + " s (" + ok.get() + " of " + total + " calls answered)"));
                break;
            }
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        histograms.forEach(all::add);
        return new Outcome(ok.get(), end.get() - start.get(), all, failure.get());
    }
}
