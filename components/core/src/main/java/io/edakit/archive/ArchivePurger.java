package io.edakit.archive;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes an archive's events older than its retention, on a thread of its own (never on the
 * archive's write path): at start and then every {@code interval}. A failed purge is logged and
 * tried again at the next round; the events it missed are only kept a little longer.
 */
public final class ArchivePurger implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchivePurger.class);

    private final EventArchive archive;
    private final String name;
    private final Duration retention;
    private final ScheduledExecutorService executor;

    public ArchivePurger(EventArchive archive, String name, Duration retention, Duration interval) {
        this.archive = archive;
        this.name = name;
        this.retention = retention;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "edakit-archive-purge-" + name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::purge, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: answers how many events were deleted (0 after a failure, which is logged). */
    public long purge() {
        try {
            long deleted = archive.purge(name, archive.clock().instant().minus(retention));
            if (deleted > 0) {
                LOG.info("Archive {}: purged {} event(s) older than {}", name, deleted, retention);
            }
            return deleted;
        } catch (RuntimeException e) {
            LOG.warn("Archive {}: purge failed, tried again at the next round: {}", name, e.getMessage());
            return 0;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
