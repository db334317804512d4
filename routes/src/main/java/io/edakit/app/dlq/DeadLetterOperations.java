package io.edakit.app.dlq;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.edakit.deadletter.HeaderFilter;
import io.edakit.deadletter.RedriveReport;
import io.edakit.deadletter.RedriveRequest;
import io.edakit.deadletter.Redriver;
import io.edakit.transport.ChannelAdmin;
import io.edakit.transport.ChannelAdmin.ChannelDepth;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelTransport;

/**
 * The four dead-letter operations, on a started transport, with the parameters operators type
 * (text from a command line or an HTTP query), checked before anything moves.
 */
public final class DeadLetterOperations {

    /** Dead-letter channels are the channels whose name ends with this. */
    public static final String SUFFIX = ".dlq";

    private final ChannelTransport transport;
    private final int maxRedrives;

    public DeadLetterOperations(ChannelTransport transport, int maxRedrives) {
        this.transport = transport;
        this.maxRedrives = maxRedrives;
    }

    public List<ChannelDepth> list() throws Exception {
        try (ChannelAdmin admin = transport.admin()) {
            return admin.channels(SUFFIX);
        }
    }

    public List<ChannelMessage> show(String channel, int limit) throws Exception {
        try (ChannelAdmin admin = transport.admin()) {
            return admin.peek(channel, limit);
        }
    }

    public long purge(String channel) throws Exception {
        try (ChannelAdmin admin = transport.admin()) {
            return admin.purge(channel);
        }
    }

    /**
     * @param target  destination channel, or null/blank for each message's original channel
     * @param filter  header filter (JMS selector syntax), or null/blank for all
     * @param ids     comma-separated envelope ids, or null/blank for all
     * @param max     at most this many, or null for all
     * @param rate    messages per second at most, or null for no limit
     */
    public RedriveReport redrive(String channel, String target, String filter, String ids, Long max, Double rate,
                                 boolean dryRun) throws Exception {
        Set<String> idSet = blank(ids) ? Set.of() : new LinkedHashSet<>(Arrays.stream(ids.split(","))
                .map(String::trim).filter(id -> !id.isEmpty()).toList());
        if (max != null && max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        if (rate != null && rate <= 0) {
            throw new IllegalArgumentException("rate must be above 0 messages per second, was " + rate);
        }
        RedriveRequest request = new RedriveRequest(channel, blank(target) ? null : target.trim(),
                blank(filter) ? null : HeaderFilter.parse(filter), idSet, max == null ? Long.MAX_VALUE : max,
                rate == null ? 0 : rate, dryRun, maxRedrives);
        return new Redriver(transport).redrive(request);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
