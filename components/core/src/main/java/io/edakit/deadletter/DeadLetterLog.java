package io.edakit.deadletter;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.edakit.channel.ChannelHeaders;
import io.edakit.envelope.Envelope;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WARN line each dead-lettered message gets, with what an operator needs to find it again:
 * route, envelope id, dead-letter channel, exception and attempts, and the trace id when the
 * message carries W3C trace context.
 *
 * <p>A flood (a broken downstream dead-letters thousands of messages a second) must not bury the
 * rest of the log, so each template instance writes at most {@value #LINES_PER_SECOND} such lines
 * a second. The ones beyond are counted, and a line at the end of that second says how many were
 * not written one by one. Exact counts are in the metrics
 * ({@code edakit_messages_total{outcome="dead-lettered"}}). Stopping writes the count still
 * pending, so a flood right before a shutdown is not left unmentioned.
 */
public final class DeadLetterLog extends ServiceSupport {

    /** The logger of the lines, so operators can route or silence them. */
    public static final String LOGGER = "io.edakit.deadletter";
    static final int LINES_PER_SECOND = 10;
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_REASON_CHARS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final String deadLetterChannel;
    private final LongSupplier nanoTime;
    private final Consumer<String> out;
    private long secondStartNanos; // guarded by this
    private int linesThisSecond; // guarded by this
    private long suppressed; // guarded by this
    private String suppressedRoute; // guarded by this
    private boolean summaryScheduled; // guarded by this
    private ScheduledExecutorService timer; // guarded by this

    public DeadLetterLog(String deadLetterChannel) {
        this(deadLetterChannel, System::nanoTime, LOG::warn);
    }

    DeadLetterLog(String deadLetterChannel, LongSupplier nanoTime, Consumer<String> out) {
        this.deadLetterChannel = deadLetterChannel;
        this.nanoTime = nanoTime;
        this.out = out;
        this.secondStartNanos = nanoTime.getAsLong() - SECOND_NANOS;
    }

    /** {@code exchange} is on its way to the dead-letter channel, with its failure headers set. */
    public void deadLettered(Exchange exchange) {
        String route = exchange.getFromRouteId();
        String line = "Dead-lettered to " + deadLetterChannel + ": route " + route + ", id "
                + exchange.getMessage().getHeader(Envelope.ID, "(none)", String.class) + ", after "
                + exchange.getMessage().getHeader(FailureHeaders.ATTEMPTS, "1", String.class) + " attempt(s): "
                + reason(exchange) + trace(exchange);
        String summary;
        boolean write;
        boolean schedule = false;
        synchronized (this) {
            summary = startSecondIfOver(false);
            write = linesThisSecond < LINES_PER_SECOND;
            if (write) {
                linesThisSecond++;
            } else {
                suppressed++;
                suppressedRoute = route;
                schedule = !summaryScheduled;
                summaryScheduled = true;
            }
        }
        if (summary != null) {
            out.accept(summary);
        }
        if (write) {
            out.accept(line);
        }
        if (schedule) {
            scheduleSummary(exchange);
        }
    }

    /** Writes the count of the lines not written, once their second is over. */
    void summarize() {
        String summary;
        synchronized (this) {
            summaryScheduled = false;
            summary = startSecondIfOver(false);
        }
        if (summary != null) {
            out.accept(summary);
        }
    }

    @Override
    protected void doStop() {
        String summary;
        synchronized (this) {
            summary = startSecondIfOver(true);
        }
        if (summary != null) {
            out.accept(summary);
        }
    }

    /**
     * Starts a new second if the current one is over (or {@code now}); returns the summary of the
     * one that ended, if anything was suppressed in it.
     */
    private String startSecondIfOver(boolean now) {
        long time = nanoTime.getAsLong();
        if (!now && time - secondStartNanos < SECOND_NANOS) {
            return null;
        }
        String summary = suppressed == 0 ? null : "Dead-lettered to " + deadLetterChannel + ": route " + suppressedRoute
                + ", " + suppressed + " more message(s) in one second not logged one by one (at most "
                + LINES_PER_SECOND + " lines a second per route; every one is counted in edakit_messages_total)";
        secondStartNanos = time;
        linesThisSecond = 0;
        suppressed = 0;
        return summary;
    }

    /** On a thread of the Camel context (created on the first flood, stopped with the context). */
    private void scheduleSummary(Exchange exchange) {
        ScheduledExecutorService scheduler;
        synchronized (this) {
            if (timer == null) {
                timer = exchange.getContext().getExecutorServiceManager()
                        .newSingleThreadScheduledExecutor(this, "edakit-dead-letter-log");
            }
            scheduler = timer;
        }
        scheduler.schedule(this::summarize, SECOND_NANOS + SECOND_NANOS / 10, TimeUnit.NANOSECONDS);
    }

    /** ", trace <trace id>" when the message carries W3C trace context, to find its trace from the line. */
    private static String trace(Exchange exchange) {
        String traceparent = exchange.getMessage().getHeader(ChannelHeaders.TRACEPARENT, String.class);
        // version-traceid-spanid-flags: 2 + 1 + 32 characters up to the trace id's end
        return traceparent != null && traceparent.length() >= 35 && traceparent.charAt(2) == '-'
                ? ", trace " + traceparent.substring(3, 35) : "";
    }

    private static String reason(Exchange exchange) {
        String reason = exchange.getMessage().getHeader(FailureHeaders.EXCEPTION, "unknown", String.class) + ": "
                + exchange.getMessage().getHeader(FailureHeaders.MESSAGE, "", String.class);
        reason = reason.replaceAll("\\s+", " ");
        return reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "..." : reason;
    }
}
