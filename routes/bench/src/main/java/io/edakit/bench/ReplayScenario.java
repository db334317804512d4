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
 * sender session, which keeps their order, flowing on across batches), the cursor handed over every
 * {@value #BATCH} confirmed events; beside, in the same run on the same broker and archive, the raw
 * baseline: the same archive reads and a plain JMS producer on one session sending each event as a
 * persistent message, the faster of two ways: JMS 2 asynchronous sends with a completion listener
 * and as many in flight, and transacted batches (one commit per {@value #BATCH}). Both targets'
 * queues are counted afterwards: each must hold exactly the events sent.
 */
final class ReplayScenario {

    static final int BATCH = 100;
    /** Sends awaiting confirmation; the replay side runs with one sender session, so its sends stay in order. */
    static final int IN_FLIGHT = BATCH;
    private static final String REPLAYED = "bench.replay";
    private static final String RAW = "bench.replay-raw";

    /** One run: the replay's and the two raw sides' events per second; the baseline is the faster raw side. */
    record Run(double replayPerSecond, double rawAsyncPerSecond, double rawTransactedPerSecond) {
        double rawPerSecond() {
            return Math.max(rawAsyncPerSecond, rawTransactedPerSecond);
        }

        double ratio() {
            return replayPerSecond / rawPerSecond();
        }
    }

    private ReplayScenario() {
    }

    static String describe(BenchOptions options) {
        return "edakit bench replay on artemis: " + options.messages() + " archived events of " + options.size()
                + " B x " + options.runs() + " run(s), warmup " + options.warmup() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs\n"
                + "replay: archive on an H2 file, the event-archive's replayer, a channel send per event, " + IN_FLIGHT
                + " in flight on one sender session (ordered), cursor every " + BATCH + " confirmed; raw: the same "
                + "reads, a JMS producer on one session, the faster of async sends (" + IN_FLIGHT + " in flight, "
                + "CompletionListener) and transacted batches (a commit per " + BATCH + ")";
    }

    static String run(BenchOptions options, PrintWriter out) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= options.runs(); i++) {
            Run run = once(options);
            out.printf(Locale.ROOT, "run %d: replay %.0f events/s, raw %.0f events/s (async %.0f, transacted %.0f), "
                    + "ratio %.3f%n", i, run.replayPerSecond(), run.rawPerSecond(), run.rawAsyncPerSecond(),
                    run.rawTransactedPerSecond(), run.ratio());
            out.flush();
            runs.add(run);
        }
        return String.format(Locale.ROOT, "RESULT replay artemis events_per_s=%.0f raw_per_s=%.0f ratio=%.3f "
                + "raw_async_per_s=%.0f raw_transacted_per_s=%.0f",
                Stats.median(runs.stream().map(Run::replayPerSecond).toList()),
                Stats.median(runs.stream().map(Run::rawPerSecond).toList()),
                Stats.median(runs.stream().map(Run::ratio).toList()),
                Stats.median(runs.stream().map(Run::rawAsyncPerSecond).toList()),
                Stats.median(runs.stream().map(Run::rawTransactedPerSecond).toList()));
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
                // warm every side on the warm-up archive, then measure each once on the measured one
                ActiveMQConnectionFactory factory = broker.connectionFactory();
                try {
                    replay(archive, "warmup", app, "warmup");
                    rawAsync(archive, "warmup", factory);
                    rawTransacted(archive, "warmup", factory);
                    double replayed = replay(archive, "bench", app, "bench");
                    double async = rawAsync(archive, "bench", factory);
                    double transacted = rawTransacted(archive, "bench", factory);
                    long expected = options.warmup() + (long) options.messages();
                    check(broker, REPLAYED, expected);
                    check(broker, RAW, 2 * expected); // both raw sides send to it
                    return new Run(replayed, async, transacted);
                } finally {
                    factory.close();
                }
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
     * The raw side, JMS 2 asynchronous sends: the same batched reads, a persistent send per event on
     * one session (so in order) with a {@link CompletionListener}, {@value #IN_FLIGHT} at most awaiting
     * confirmation, sends flowing on across batches as the replay's do; all confirmed at the end.
     */
    private static double rawAsync(EventArchive archive, String name, ActiveMQConnectionFactory factory)
            throws Exception {
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
                    window.acquire();
                    producer.send(message(session, event), confirmed);
                    sent++;
                    after = event.sequence();
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
            }
            window.acquire(IN_FLIGHT); // every send confirmed
            if (failure.get() != null) {
                throw failure.get();
            }
            return sent / seconds(started);
        }
    }

    /**
     * The raw side, transacted batches: the same batched reads, each batch sent as persistent
     * messages on one transacted session and committed at once (one journal sync per batch).
     */
    private static double rawTransacted(EventArchive archive, String name, ActiveMQConnectionFactory factory)
            throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(ArtemisBenchTransport.sendDestination(RAW));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long started = System.nanoTime();
            long sent = 0;
            long after = 0;
            List<ArchivedEvent> batch;
            while (!(batch = archive.read(name, Instant.EPOCH, EventArchive.END_OF_TIME, after, BATCH)).isEmpty()) {
                for (ArchivedEvent event : batch) {
                    producer.send(message(session, event));
                    sent++;
                    after = event.sequence();
                }
                session.commit();
            }
            return sent / seconds(started);
        }
    }

    private static BytesMessage message(Session session, ArchivedEvent event) throws Exception {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(event.body());
        for (Map.Entry<String, String> header : event.headers().entrySet()) {
            message.setStringProperty(header.getKey(), header.getValue());
        }
        return message;
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
