/*
 * The scheduler's own cost per message: one offer, one poll and one complete, with 10, 1,000 and
 * 10,000 tenants backlogged (each keeps 4 messages waiting), 16 consumer slots, handler-time cost.
 * The target is under 2 microseconds per message at 10,000 active tenants.
 *
 *   mvn -B -o -Pjmh -pl components/core -am test-compile exec:exec -Djmh.args="FairSchedulerBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s"
 */
package io.edakit.fairness;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FairSchedulerBenchmark {

    private static final int SLOTS = 16;

    @Param({"10", "1000", "10000"})
    public int tenants;

    private FairScheduler<Integer> scheduler;
    private final ArrayDeque<FairScheduler.Grant<Integer>> running = new ArrayDeque<>();
    private String[] names;
    private long cost;

    @Setup
    public void setUp() {
        scheduler = new FairScheduler<>(FairnessPolicy.equalShares().withWeights("t0=3,t1=2"), SLOTS);
        names = new String[tenants];
        for (int t = 0; t < tenants; t++) {
            names[t] = "t" + t;
            for (int i = 0; i < 4; i++) {
                scheduler.offer(names[t], i, System.nanoTime());
            }
        }
        for (int i = 0; i < SLOTS; i++) {
            running.add(scheduler.poll());
        }
    }

    /** One message through the scheduler: the oldest running one completes, its tenant sends another, the next is released. */
    @Benchmark
    public Object oneMessage() {
        FairScheduler.Grant<Integer> done = running.poll();
        cost = (cost * 31 + 7) % 2_000_000; // handler times between 0 and 2 ms
        scheduler.complete(done, cost);
        scheduler.offer(done.tenant(), done.item(), System.nanoTime());
        FairScheduler.Grant<Integer> next = scheduler.poll();
        running.add(next);
        return next;
    }
}
