package io.edakit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.eventpattern.PatternParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replayer over a real archive (H2 in memory) into a target that confirms each send later, on
 * another thread, out of order: sends in archive order and each once, sends flowing across batches,
 * the cursor handed over only past confirmed sends and once a batch's worth, and what a replay
 * killed at any point sends again when resumed: at most {@code batch - 1 + inFlight}.
 */
class ReplayerTest {

    private static final int EVENTS = 600;
    private static final int BATCH = 50;
    private static final int IN_FLIGHT = 16;

    private EventArchive archive;
    private ScheduledExecutorService confirmer;

    @BeforeEach
    void fill() {
        archive = EventArchive.open("jdbc:h2:mem:replayer-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "", "", 2,
                Clock.systemUTC());
        List<CompletableFuture<Long>> writes = new ArrayList<>();
        for (int n = 0; n < EVENTS; n++) {
            String type = n % 10 == 0 ? "order.paid" : "order.created";
            writes.add(archive.archiveAsync("orders", "ev-" + n, type, Map.of("ce_id", "ev-" + n, "ce_specversion",
                    "1.0", "ce_source", "/shop", "ce_type", type), ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)));
        }
        writes.forEach(CompletableFuture::join);
        confirmer = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void close() {
        confirmer.shutdownNow();
        archive.close();
    }

    @Test
    void sendsInOrderAcrossBatchesAndStoresOnlyConfirmedCursors() throws Exception {
        Target target = new Target(-1);
        Recording progress = new Recording(target);
        ReplayCursor end = Replayer.run(archive, request(null), ReplayCursor.START, target, progress);

        assertThat(end.sent()).isEqualTo(EVENTS);
        assertThat(end.scanned()).isEqualTo(EVENTS);
        assertThat(target.sentIds()).as("each once, in archive order").isEqualTo(archiveOrder());
        assertThat(target.maxInFlight.get()).as("in flight").isLessThanOrEqualTo(IN_FLIGHT);
        assertThat(target.inFlightAtRead.get()).as("sends in flight while the next batch was read").isTrue();
        assertThat(progress.violations).as("cursors past an unconfirmed send").isEmpty();
        List<ReplayCursor> stored = progress.stored;
        assertThat(stored.get(stored.size() - 1)).isEqualTo(end);
        for (int i = 0; i < stored.size(); i++) {
            long previous = i == 0 ? 0 : stored.get(i - 1).scanned();
            long step = stored.get(i).scanned() - previous;
            if (i < stored.size() - 1) {
                assertThat(step).as("a batch's worth between stored cursors").isGreaterThanOrEqualTo(BATCH);
            } else {
                assertThat(step).isPositive();
            }
        }
    }

    @Test
    void filteredReplayStoresItsCursorAsItScans() throws Exception {
        Target target = new Target(-1);
        Recording progress = new Recording(target);
        ReplayCursor end = Replayer.run(archive, request(PatternParser.parseYaml("{type: [order.paid]}", "test")),
                ReplayCursor.START, target, progress);

        assertThat(end.sent()).isEqualTo(EVENTS / 10);
        assertThat(end.scanned()).isEqualTo(EVENTS);
        List<String> paid = archiveOrder().stream().filter(id -> Integer.parseInt(id.substring(3)) % 10 == 0).toList();
        assertThat(target.sentIds()).isEqualTo(paid);
        assertThat(progress.violations).isEmpty();
        // stored as it scans, not only once a batch's worth was sent: the first store comes after a batch
        // was scanned, long before a batch was sent (how far one store is past the last depends on when the
        // confirmations come: a late one moves the confirmed cursor over every scanned event behind it)
        assertThat(progress.stored).hasSizeGreaterThanOrEqualTo(3);
        assertThat(progress.stored.get(0).sent()).as("sent at the first store").isLessThan(BATCH);
        assertThat(progress.stored.get(progress.stored.size() - 1)).isEqualTo(end);
    }

    @Test
    void killedAnywhereAndResumedRepeatsAtMostABatchMinusOnePlusInFlight() throws Exception {
        for (int kill = 7; kill < EVENTS; kill += 61) {
            Target first = new Target(kill);
            Recording progress = new Recording(first);
            assertThatThrownBy(() -> Replayer.run(archive, request(null), ReplayCursor.START, first, progress))
                    .hasMessageContaining("killed");
            ReplayCursor resumeAt = progress.stored.isEmpty() ? ReplayCursor.START
                    : progress.stored.get(progress.stored.size() - 1);

            Target second = new Target(-1);
            ReplayCursor end = Replayer.run(archive, request(null), resumeAt, second, new Recording(second));
            assertThat(end.sent()).isEqualTo(EVENTS);
            List<String> both = new ArrayList<>(first.sentIds());
            both.addAll(second.sentIds());
            List<String> order = archiveOrder();
            assertThat(both).as("every event sent").containsAll(order);
            int repeats = both.size() - EVENTS;
            assertThat(repeats).as("repeats after a kill at send " + kill).isLessThanOrEqualTo(BATCH - 1 + IN_FLIGHT);
            assertThat(second.sentIds()).as("resumed in order")
                    .isEqualTo(order.subList(EVENTS - second.sentIds().size(), EVENTS));
        }
    }

    @Test
    void failedSendFailsTheReplayBeforeItsCursorPassesIt() throws Exception {
        Target target = new Target(-1);
        target.failAt = 130;
        Recording progress = new Recording(target);
        assertThatThrownBy(() -> Replayer.run(archive, request(null), ReplayCursor.START, target, progress))
                .hasMessageContaining("refused");
        assertThat(progress.stored).isNotEmpty().allSatisfy(cursor -> assertThat(cursor.sent()).isLessThan(130));
    }

    @Test
    void cancelledEndsWithTheExactCursor() throws Exception {
        Target target = new Target(-1);
        Recording progress = new Recording(target);
        progress.cancelAfter = 222;
        ReplayCursor end = Replayer.run(archive, request(null), ReplayCursor.START, target, progress);
        assertThat(end.sent()).isEqualTo(target.sentIds().size());
        assertThat(end.sent()).isBetween(222L, 223L);
        assertThat(progress.stored.get(progress.stored.size() - 1)).isEqualTo(end);
        assertThat(target.pending()).isZero();
    }

    private static ReplayRequest request(io.edakit.eventpattern.EventPattern filter) {
        return new ReplayRequest("again", "orders", Instant.EPOCH, EventArchive.END_OF_TIME, filter, null, BATCH,
                IN_FLIGHT);
    }

    /** The event ids in archive order (group-committed writes may take their sequences in any order). */
    private List<String> archiveOrder() {
        return archive.read("orders", Instant.EPOCH, EventArchive.END_OF_TIME, 0, EVENTS).stream()
                .map(ArchivedEvent::eventId).toList();
    }

    /**
     * A target confirming each send 0-2 ms later on the confirmer's threads (so out of order); with
     * {@code killAt} its {@code killAt}-th send throws, as a process killed there stops sending.
     */
    private final class Target implements Replayer.Sender {
        private final int killAt;
        private final List<ArchivedEvent> sent = Collections.synchronizedList(new ArrayList<>());
        private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> sends = new ConcurrentSkipListMap<>();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private final AtomicBoolean inFlightAtRead = new AtomicBoolean();
        private int failAt = -1;

        Target(int killAt) {
            this.killAt = killAt;
        }

        @Override
        public CompletionStage<Void> send(ArchivedEvent event) {
            if (sent.size() == killAt) {
                throw new IllegalStateException("killed at send " + killAt);
            }
            if (sent.size() % BATCH == 0 && pending() > 0) {
                inFlightAtRead.set(true); // the first event of a batch (the archive is read BATCH at a time)
            }
            sent.add(event);
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            sends.put(event.sequence(), confirmed);
            maxInFlight.accumulateAndGet(pending(), Math::max);
            boolean fail = sent.size() == failAt;
            confirmer.schedule(() -> {
                if (fail) {
                    confirmed.completeExceptionally(new IllegalStateException("the target refused it"));
                } else {
                    confirmed.complete(null);
                }
            }, ThreadLocalRandom.current().nextInt(2_000), TimeUnit.MICROSECONDS);
            return confirmed;
        }

        int pending() {
            return (int) sends.values().stream().filter(send -> !send.isDone()).count();
        }

        /** Whether every send up to {@code sequence} was confirmed. */
        boolean confirmedUpTo(long sequence) {
            return sends.headMap(sequence, true).values().stream()
                    .allMatch(send -> send.isDone() && !send.isCompletedExceptionally());
        }

        List<String> sentIds() {
            synchronized (sent) {
                return sent.stream().map(ArchivedEvent::eventId).toList();
            }
        }
    }

    /** Records the cursors handed over to be stored, each checked against what the target confirmed. */
    private static final class Recording implements Replayer.Progress {
        private final Target target;
        private final List<ReplayCursor> stored = new ArrayList<>();
        private final List<ReplayCursor> violations = new ArrayList<>();
        private long cancelAfter = Long.MAX_VALUE;

        Recording(Target target) {
            this.target = target;
        }

        @Override
        public void batchReplayed(ReplayCursor cursor) {
            if (!target.confirmedUpTo(cursor.sequence())) {
                violations.add(cursor);
            }
            stored.add(cursor);
        }

        @Override
        public void eventReplayed(ReplayCursor cursor) {
            if (!target.confirmedUpTo(cursor.sequence())) {
                violations.add(cursor);
            }
        }

        @Override
        public boolean cancelled() {
            return target.sentIds().size() >= cancelAfter;
        }
    }
}
