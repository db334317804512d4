package io.edakit.operator.dlq;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.edakit.deadletter.FailureHeaders;
import io.edakit.deadletter.HeaderFilter;
import io.edakit.deadletter.RedriveReport;
import io.edakit.deadletter.RedriveRequest;
import io.edakit.deadletter.RedriveProgress;
import io.edakit.deadletter.RedriveSettings;
import io.edakit.deadletter.Redriver;
import io.edakit.channel.ChannelComponent;
import io.edakit.config.Settings;
import org.apache.camel.CamelContext;
import io.edakit.transport.ChannelAdmin;
import io.edakit.transport.ChannelAdmin.ChannelDepth;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelTransport;
import io.edakit.routes.templates.DeadLetterChannels;

/**
 * The four dead-letter operations, on a started transport, with the parameters operators type
 * (text from a command line or an HTTP query), checked before anything moves.
 */
public final class DeadLetterOperations {

    /** Channels whose name ends with this are dead-letter channels (the default name of every template's). */
    public static final String SUFFIX = ".dlq";

    private final ChannelTransport transport;
    private final int maxRedrives;
    private final Set<String> declared;

    /** @param declared the dead-letter channels the application's template instances declare */
    public DeadLetterOperations(ChannelTransport transport, int maxRedrives, Set<String> declared) {
        this.transport = transport;
        this.maxRedrives = maxRedrives;
        this.declared = Set.copyOf(declared);
    }

    /**
     * The dead-letter channels in use, with their waiting counts, by name. A channel is one when
     * <ol>
     * <li>a template instance of the application declares it ({@link DeadLetterChannels}: its
     *     dead-letter channel, {@code <channel>.late} with ordering=late), listed even while nothing
     *     waits there, or</li>
     * <li>its name ends with {@value #SUFFIX} (the default of every template), or</li>
     * <li>its oldest waiting message is a dead letter, whatever the channel is called: it carries
     *     edakit's failure headers (written by any instance, with any configuration), or the
     *     broker itself set it aside (Artemis' dead-letter and expiry addresses).</li>
     * </ol>
     */
    public List<ChannelDepth> list() throws Exception {
        try (ChannelAdmin admin = transport.admin()) {
            Map<String, Long> listed = new TreeMap<>();
            declared.forEach(channel -> listed.put(channel, 0L));
            for (ChannelDepth depth : admin.channels("")) {
                if (listed.containsKey(depth.channel()) || depth.channel().endsWith(SUFFIX)) {
                    listed.put(depth.channel(), depth.waiting());
                }
            }
            admin.channelsHolding(FailureHeaders.PREFIX).forEach(depth -> listed.put(depth.channel(), depth.waiting()));
            return listed.entrySet().stream().map(entry -> new ChannelDepth(entry.getKey(), entry.getValue())).toList();
        }
    }

    public List<ChannelMessage> show(String channel, int limit) throws Exception {
        try (ChannelAdmin admin = transport.admin()) {
            return notCreatedYet(admin, channel) ? List.of() : admin.peek(channel, limit);
        }
    }

    public long purge(String channel) throws Exception {
        try (ChannelAdmin admin = transport.admin()) {
            return notCreatedYet(admin, channel) ? 0 : admin.purge(channel);
        }
    }

    /**
     * A declared dead-letter channel that no message reached yet may not exist on the broker: it is
     * listed (with nothing waiting), so it can be shown, purged and redriven too, as empty. Other unknown
     * channels are refused, naming the channel.
     */
    private boolean notCreatedYet(ChannelAdmin admin, String channel) throws Exception {
        return declared.contains(channel) && admin.channels(channel).stream().noneMatch(d -> d.channel().equals(channel));
    }

    /**
     * Everything waiting in {@code channel}, each to its original channel, with this instance's
     * redrive limit ({@code edakit.dlq.max-redrives}): narrow it with the request's withers.
     */
    public RedriveRequest request(String channel) {
        return RedriveRequest.of(channel, maxRedrives);
    }

    public RedriveReport redrive(RedriveRequest request) throws Exception {
        return redrive(request, RedriveProgress.NONE);
    }

    /** The redrive, telling {@code progress} as it goes (a redrive task). */
    public RedriveReport redrive(RedriveRequest request, RedriveProgress progress) throws Exception {
        try (ChannelAdmin admin = transport.admin()) {
            if (notCreatedYet(admin, request.deadLetterChannel())) {
                return new RedriveReport(0, 0, 0, 0, 0, 0, request.dryRun()); // empty, as list/show/purge say
            }
        }
        return new Redriver(transport).redrive(request, progress);
    }

    /** How many messages wait in {@code channel} now (0 for one not created yet). */
    public long waiting(String channel) throws Exception {
        try (ChannelAdmin admin = transport.admin()) {
            return admin.channels(channel).stream().filter(depth -> depth.channel().equals(channel))
                    .mapToLong(ChannelDepth::waiting).sum();
        }
    }

    /** The operations of a running application: its transport, redrive limit and declared channels. */
    public static DeadLetterOperations of(CamelContext context) {
        ChannelComponent channels = context.getComponent("channel", ChannelComponent.class);
        return new DeadLetterOperations(channels.transport(),
                Settings.of(context).get(RedriveSettings.GROUP).maxRedrives(), DeadLetterChannels.registered(context));
    }

    /** The header filter operators typed (JMS selector syntax); null for blank: all messages. */
    public static HeaderFilter filter(String text) {
        return text == null || text.isBlank() ? null : HeaderFilter.parse(text);
    }

    /** Envelope ids as operators type them, comma separated; empty for null or blank: all messages. */
    public static List<String> ids(String commaSeparated) {
        return commaSeparated == null ? List.of() : List.of(commaSeparated.split(","));
    }
}
