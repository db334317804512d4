package io.edakit.deadletter;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import io.edakit.envelope.Envelope;
import io.edakit.ratelimit.RateLimiter;
import io.edakit.transport.ChannelAdmin;
import io.edakit.transport.ChannelAdmin.Decision;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelSender;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.SendOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters back, on any transport. Each message leaves the dead-letter channel only
 * once its copy at the target is confirmed, so a redrive killed midway loses nothing; running it
 * again resumes where it stopped (a message sent but not yet removed may arrive twice).
 *
 * <p>A redriven message is the original (body and headers) without the failure headers, plus a
 * redrive count; once that count reaches the limit, the message stays in the dead-letter channel
 * instead of cycling between it and a consumer that keeps failing.
 */
public final class Redriver {

    private static final Logger LOG = LoggerFactory.getLogger(Redriver.class);

    /** A dry run judges at most this many dead letters (it holds them in memory to look at them). */
    static final int MAX_DRY_RUN = 100_000;

    private final ChannelTransport transport;

    public Redriver(ChannelTransport transport) {
        this.transport = transport;
    }

    public RedriveReport redrive(RedriveRequest request) throws Exception {
        return redrive(request, RedriveProgress.NONE);
    }

    /** The redrive, telling {@code progress} after each message and stopping when it says cancelled. */
    public RedriveReport redrive(RedriveRequest request, RedriveProgress progress) throws Exception {
        return request.dryRun() ? dryRun(request, progress) : moveBack(request, progress);
    }

    /**
     * Judges the waiting dead letters from a read-only look: a dry run must change nothing, and on
     * Kafka even keeping a message in place during a take rewrites it at the end of the topic.
     */
    private RedriveReport dryRun(RedriveRequest request, RedriveProgress progress) throws Exception {
        Counters counters = new Counters();
        long offered = 0;
        try (ChannelAdmin admin = transport.admin()) {
            long waiting = admin.channels(request.deadLetterChannel()).stream()
                    .filter(depth -> depth.channel().equals(request.deadLetterChannel()))
                    .mapToLong(ChannelAdmin.ChannelDepth::waiting).sum();
            for (ChannelMessage message : admin.peek(request.deadLetterChannel(), (int) Math.min(waiting, MAX_DRY_RUN))) {
                if (progress.cancelled()) {
                    break;
                }
                offered++;
                Decision verdict = judge(request, message, counters);
                if (verdict == Decision.STOP) {
                    break;
                }
                if (verdict == Decision.TAKE) {
                    counters.moved.incrementAndGet();
                }
                progress.judged(snapshot(request, offered, counters));
            }
        }
        return report(request, offered, counters);
    }

    private RedriveReport moveBack(RedriveRequest request, RedriveProgress progress) throws Exception {
        Counters counters = new Counters();
        RateLimiter limiter = request.ratePerSecond() > 0 ? new RateLimiter(request.ratePerSecond(), 1) : null;
        Map<String, ChannelSender> senders = new HashMap<>();
        AtomicLong offered = new AtomicLong();
        try (ChannelAdmin admin = transport.admin()) {
            admin.take(request.deadLetterChannel(), message -> {
                if (progress.cancelled()) {
                    return CompletableFuture.completedFuture(Decision.STOP); // offered, but counted as not reached
                }
                offered.incrementAndGet();
                Decision verdict = judge(request, message, counters);
                if (verdict != Decision.TAKE) {
                    progress.judged(snapshot(request, offered.get(), counters));
                    return CompletableFuture.completedFuture(verdict);
                }
                counters.moved.incrementAndGet();
                progress.judged(snapshot(request, offered.get(), counters));
                if (limiter != null) {
                    limiter.acquire();
                }
                String target = target(request, message);
                return send(senders.computeIfAbsent(target, t -> transport.sender(t, SendOptions.PERSISTENT)), message);
            });
            return report(request, offered.get(), counters);
        }
    }

    private static RedriveReport report(RedriveRequest request, long offered, Counters counters) {
        RedriveReport report = snapshot(request, offered, counters);
        LOG.info("Redrive of {}: {}", request.deadLetterChannel(), report);
        return report;
    }

    private static RedriveReport snapshot(RedriveRequest request, long offered, Counters counters) {
        return new RedriveReport(offered, counters.moved.get(), counters.notSelected.get(),
                counters.atLimit.get(), counters.withoutTarget.get(), counters.notReached.get(), request.dryRun());
    }

    private static Decision judge(RedriveRequest request, ChannelMessage message, Counters counters) {
        if (counters.moved.get() >= request.max()) {
            counters.notReached.incrementAndGet();
            return Decision.STOP;
        }
        Map<String, String> headers = message.headers();
        boolean selected = (request.ids().isEmpty() || request.ids().contains(headers.get(Envelope.ID)))
                && (request.filter() == null || request.filter().matches(headers));
        if (!selected) {
            counters.notSelected.incrementAndGet();
            return Decision.KEEP;
        }
        if (redriveCount(message) >= request.maxRedrives()) {
            counters.atLimit.incrementAndGet();
            return Decision.KEEP;
        }
        if (target(request, message) == null) {
            counters.withoutTarget.incrementAndGet();
            return Decision.KEEP;
        }
        return Decision.TAKE;
    }

    private static String target(RedriveRequest request, ChannelMessage message) {
        return request.target() != null ? request.target() : message.headers().get(FailureHeaders.CHANNEL);
    }

    private static int redriveCount(ChannelMessage message) {
        try {
            return Integer.parseInt(message.headers().getOrDefault(FailureHeaders.REDRIVE_COUNT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static CompletionStage<Decision> send(ChannelSender sender, ChannelMessage deadLetter) {
        Map<String, String> headers = new HashMap<>(deadLetter.headers());
        headers.keySet().removeIf(name -> name.startsWith(FailureHeaders.PREFIX));
        headers.put(FailureHeaders.REDRIVE_COUNT, String.valueOf(redriveCount(deadLetter) + 1));
        return sender.send(ChannelMessage.of(deadLetter.body(), headers, deadLetter.key()))
                .thenApply(confirmed -> Decision.TAKE);
    }

    private static final class Counters {
        final AtomicLong moved = new AtomicLong();
        final AtomicLong notSelected = new AtomicLong();
        final AtomicLong atLimit = new AtomicLong();
        final AtomicLong withoutTarget = new AtomicLong();
        final AtomicLong notReached = new AtomicLong();
    }
}
