package io.edakit.jdbc;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds every committer of a {@link GroupCommitter} busy inside a batch of its own, so that the
 * writes submitted meanwhile queue up and go into the next batch together: a test decides what
 * shares a batch. On close one committer is let go first and takes the whole queue; the others
 * follow once it has.
 */
public final class HeldCommitter implements AutoCloseable {

    private final GroupCommitter committer;
    private final List<CountDownLatch> releases = new ArrayList<>();
    private final List<CompletableFuture<Object>> holders = new ArrayList<>();

    private HeldCommitter(GroupCommitter committer) throws InterruptedException {
        this.committer = committer;
        // one at a time, each entered before the next is submitted: so each occupies another committer
        for (int i = 0; i < committer.committers(); i++) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            releases.add(release);
            holders.add(committer.submit(connection -> {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            if (!entered.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the committer did not take the holding write");
            }
        }
    }

    /** Occupies every committer of {@code committer} until {@link #close}. */
    public static HeldCommitter hold(GroupCommitter committer) throws InterruptedException {
        return new HeldCommitter(committer);
    }

    /** Waits until {@code count} writes are queued behind the held batches. */
    public void awaitQueued(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> committer.queued() >= count);
    }

    /** Lets one held batch commit, whose committer takes the queued writes in one batch, then the others. */
    @Override
    public void close() throws Exception {
        releases.get(0).countDown();
        holders.get(0).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> committer.queued() == 0);
        for (int i = 1; i < releases.size(); i++) {
            releases.get(i).countDown();
            holders.get(i).get(10, TimeUnit.SECONDS);
        }
    }
}
