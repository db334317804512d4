package io.edakit.bench;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import io.edakit.archive.ArchivedEvent;
import io.edakit.archive.EventArchive;
import io.edakit.archive.ReplayCursor;
import io.edakit.archive.ReplayRequest;
import io.edakit.archive.Replayer;
import io.edakit.routes.archive.ReplaySender;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * {@code bench replay}: events per second a replay sends from an archive (H2 file) into an Artemis
 * channel with confirmed sends, in archive order ({@value #IN_FLIGHT} sends in flight through one
 * sender session, which keeps their order), the cursor stepping every {@value #BATCH} events once
 * the batch's sends were confirmed; beside, in
 * the same run on the same broker and archive, the raw baseline: the same archive reads and a plain
 * JMS producer on one session sending each event as a persistent message, as many in flight, each
 * batch confirmed before the next. Both targets' queues are counted afterwards: each must hold
 * exactly the events sent.
 */
final class ReplayScenario {

    static final int BATCH = 100;
    /** Sends awaiting confirmation; the replay side runs with one sender session, so its sends stay in order. */
    static final int IN_FLIGHT = BATCH;
    private static final String REPLAYED = "bench.replay";
    private static final String RAW = "bench.replay-raw";

    /** One run: the replay's and the raw side's events per second. */
    record Run(double replayPerSecond, double rawPerSecond) {
        double ratio() {
            return replayPerSecond / rawPerSecond;
        }
    }

    private ReplayScenario() {
    }

    static String describe(BenchOptions options) {
        return "edakit bench replay on artemis: " + options.messages() + " archived events of " + options.size()
                + " B x " + options.runs() + " run(s), warmup " + options.warmup() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs\n"
                + "replay: archive on an H2 file, the event-archive's replayer, a channel send per event, " + IN_FLIGHT
                + " in flight on one sender session (ordered), cursor every " + BATCH + " once confirmed; raw: the "
                + "same reads, a JMS producer on one session, as many in flight, each batch confirmed";
    }

    static String run(BenchOptions options, PrintWriter out) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= options.runs(); i++) {
            Run run = once(options);
            out.printf(Locale.ROOT, "run %d: replay %.0f events/s, raw %.0f events/s, ratio %.3f%n", i,
                    run.replayPerSecond(), run.rawPerSecond(), run.ratio());
            out.flush();
            runs.add(run);
        }
        return String.format(Locale.ROOT, "RESULT replay artemis events_per_s=%.0f raw_per_s=%.0f ratio=%.3f",
                Stats.median(runs.stream().map(Run::replayPerSecond).toList()),
                Stats.median(runs.stream().map(Run::rawPerSecond).toList()),
                Stats.median(runs.stream().map(Run::ratio).toList()));
    }

    private static Run once(BenchOptions options) throws Exception {
        try (TempDirectory directory = new TempDirectory("edakit-bench-replay-");
             ArtemisBenchTransport broker = new ArtemisBenchTransport()) {
            broker.start();
            broker.prepareChannel(REPLAYED);
            broker.prepareChannel(RAW);
            try (EventArchive archive = EventArchive.open("jdbc:h2:file:" + directory.path().resolve("archive")
                    .toAbsolutePath(), "", "", 4, Clock.systemUTC());
                 TemplateApp app = TemplateApp.start(orderedSends(broker.edakitSettings()), options.metrics())) {
                fill(archive, "warmup", options.warmup(), options.size());
                fill(archive, "bench", options.messages(), options.size());
                // warm both sides on the warm-up archive, then measure each once on the measured one
                replay(archive, "warmup", app, "warmup");
                raw(archive, "warmup", broker.connectionFactory());
                double replayed = replay(archive, "bench", app, "bench");
                double rawRate = raw(archive, "bench", broker.connectionFactory());
                long expected = options.warmup() + (long) options.messages();
                check(broker, REPLAYED, expected);
                check(broker, RAW, expected);
                return new Run(replayed, rawRate);
            }
        }
    }

    /** One Artemis sender session: sends of one thread reach the broker, and the channel, in their order. */
    private static Map<String, String> orderedSends(Map<String, String> settings) {
        Map<String, String> ordered = new java.util.LinkedHashMap<>(settings);
        ordered.put("edakit.broker.sender-sessions", "1");
        return ordered;
    }

    /** Archives {@code count} events of {@code size} bytes, many writes in flight (group-committed). */
    private static void fill(EventArchive archive, String name, int count, int size) {
        byte[] body = Payload.of(size);
        List<CompletableFuture<Long>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = name + "-" + i;
            pending.add(archive.archiveAsync(name, id, "order.created", Map.of("ce_id", id, "ce_specversion", "1.0",
                    "ce_source", "/bench", "ce_type", "order.created"), body));
            if (pending.size() == 256) {
                pending.forEach(CompletableFuture::join);
                pending.clear();
            }
        }
        pending.forEach(CompletableFuture::join);
    }

    /** The whole archive replayed into the channel; events per second. */
    private static double replay(EventArchive archive, String name, TemplateApp app, String replay) throws Exception {
        ReplayRequest request = new ReplayRequest(replay, name, Instant.EPOCH, EventArchive.END_OF_TIME, null, null, BATCH,
                IN_FLIGHT);
        try (ReplaySender sender = new ReplaySender(app.context(), REPLAYED, replay)) {
            long started = System.nanoTime();
            ReplayCursor end = Replayer.run(archive, request, ReplayCursor.START, sender, new Replayer.Progress() {
                @Override
                public void batchReplayed(ReplayCursor cursor) {
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            });
            return end.sent() / seconds(started);
        }
    }

    /**
     * The raw side: the same batched reads, a JMS persistent send per event on one session (so in
     * order), {@value #IN_FLIGHT} at most awaiting confirmation, every send of a batch confirmed before
     * the next batch is read: what the replay does, without edakit.
     */
    private static double raw(EventArchive archive, String name, ActiveMQConnectionFactory factory) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(ArtemisBenchTransport.sendDestination(RAW));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Semaphore window = new Semaphore(IN_FLIGHT);
            AtomicReference<Exception> failure = new AtomicReference<>();
            CompletionListener confirmed = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    window.release();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failure.compareAndSet(null, exception);
                    window.release();
                }
            };
            long started = System.nanoTime();
            long sent = 0;
            long after = 0;
            List<ArchivedEvent> batch;
            while (!(batch = archive.read(name, Instant.EPOCH, EventArchive.END_OF_TIME, after, BATCH)).isEmpty()) {
                for (ArchivedEvent event : batch) {
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(event.body());
                    for (Map.Entry<String, String> header : event.headers().entrySet()) {
                        message.setStringProperty(header.getKey(), header.getValue());
                    }
                    window.acquire();
                    producer.send(message, confirmed);
                    sent++;
                    after = event.sequence();
                }
                window.acquire(IN_FLIGHT); // the batch confirmed
                window.release(IN_FLIGHT);
                if (failure.get() != null) {
                    throw failure.get();
                }
            }
            return sent / seconds(started);
        } finally {
            factory.close();
        }
    }

    /** Every event sent is in the target's queue: nothing lost, nothing doubled. */
    private static void check(ArtemisBenchTransport broker, String channel, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long count;
        while ((count = broker.messageCount(channel)) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (count != expected) {
            throw new IllegalStateException("queue " + channel + " holds " + count + " messages, expected " + expected);
        }
    }

    private static double seconds(long startedNanos) {
        return Math.max(System.nanoTime() - startedNanos, 1) / 1e9;
    }
}
