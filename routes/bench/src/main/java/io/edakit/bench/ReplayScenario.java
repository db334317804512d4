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

import io.edakit.archive.ArchivedEvent;
import io.edakit.archive.EventArchive;
import io.edakit.archive.ReplayCursor;
import io.edakit.archive.ReplayRequest;
import io.edakit.archive.Replayer;
import io.edakit.routes.archive.ReplaySender;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * {@code bench replay}: events per second a replay sends from an archive (H2 file) into an Artemis
 * channel with confirmed sends, in archive order (one send in flight, the next once the broker
 * confirmed the last), with its durable cursor stepping every {@value #BATCH} events; beside, in
 * the same run on the same broker and archive, the raw baseline: the same archive reads and a plain
 * JMS producer sending each event as a persistent message and waiting for its confirmation
 * (blocking durable send), one at a time, as ordered sends must. Both targets' queues are counted
 * afterwards: each must hold exactly the events sent.
 */
final class ReplayScenario {

    static final int BATCH = 100;
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
                + "replay: archive on an H2 file, the event-archive's replayer and a channel send per event "
                + "(confirmed before the next), cursor every " + BATCH + "; raw: the same reads, a JMS producer "
                + "with blocking durable sends";
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
                 TemplateApp app = TemplateApp.start(broker.edakitSettings(), options.metrics())) {
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
        ReplayRequest request = new ReplayRequest(replay, name, Instant.EPOCH, EventArchive.END_OF_TIME, null, null, BATCH);
        long started = System.nanoTime();
        ReplayCursor end = Replayer.run(archive, request, ReplayCursor.START,
                new ReplaySender(app.producer(), REPLAYED, replay), new Replayer.Progress() {
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

    /** The raw side: the same batched reads, a JMS persistent send per event, each confirmed before the next. */
    private static double raw(EventArchive archive, String name, ActiveMQConnectionFactory factory) throws Exception {
        factory.setBlockOnDurableSend(true);
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(ArtemisBenchTransport.sendDestination(RAW));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
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
                    producer.send(message);
                    sent++;
                    after = event.sequence();
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
