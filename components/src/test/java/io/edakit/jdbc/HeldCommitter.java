package io.edakit.jdbc;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a {@link GroupCommitter} busy inside a batch of its own, so that the writes submitted
 * meanwhile queue up and go into the next batch together: a test decides what shares a batch.
 */
public final class HeldCommitter implements AutoCloseable {

    private final GroupCommitter committer;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Object> holder;

    private HeldCommitter(GroupCommitter committer) throws InterruptedException {
        this.committer = committer;
        CountDownLatch entered = new CountDownLatch(1);
        this.holder = committer.submit(connection -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        if (!entered.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the committer did not take the holding write");
        }
    }

    /** Occupies {@code committer} until {@link #close}. */
    public static HeldCommitter hold(GroupCommitter committer) throws InterruptedException {
        return new HeldCommitter(committer);
    }

    /** Waits until {@code count} writes are queued behind the held batch. */
    public void awaitQueued(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> committer.queued() >= count);
    }

    /** Lets the held batch commit; the queued writes follow in one batch. */
    @Override
    public void close() throws Exception {
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
    }
}
