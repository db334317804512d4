package io.edakit.deadletter;

import java.time.Instant;

import io.edakit.channel.ChannelHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Runs just before a message is written to its dead-letter channel (on the original message, as
 * it was received): adds the failure headers, leaving body and original headers untouched, and
 * writes the message's line to the log ({@link DeadLetterLog}).
 */
public final class DeadLetterPreparer implements Processor {

    /** Exchange property set on a message on its way to the dead-letter channel (for metrics). */
    public static final String DEAD_LETTERED = "EdakitDeadLettered";

    /** The exchange whose dead letter was logged: the line is written once however often this runs. */
    private static final String LOGGED_FOR = "edakitDeadLetterLoggedFor";

    private final String instanceId;
    private final DeadLetterLog log;

    public DeadLetterPreparer(String instanceId, String deadLetterChannel) {
        this.instanceId = instanceId;
        this.log = new DeadLetterLog(deadLetterChannel);
    }

    /** The log of this preparer's dead letters; stop it with the application, so it says what it still holds. */
    public DeadLetterLog log() {
        return log;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String now = Instant.now().toString();
        putIfPresent(message, FailureHeaders.CHANNEL, message.getHeader(ChannelHeaders.CHANNEL));
        putIfPresent(message, FailureHeaders.GROUP, message.getHeader(ChannelHeaders.GROUP));
        putIfPresent(message, FailureHeaders.ROUTE, exchange.getFromRouteId());
        if (failure != null) {
            message.setHeader(FailureHeaders.EXCEPTION, failure.getClass().getName());
            message.setHeader(FailureHeaders.MESSAGE, String.valueOf(failure.getMessage()));
        }
        message.setHeader(FailureHeaders.ATTEMPTS, Math.max(1, Attempts.count(exchange)));
        message.setHeader(FailureHeaders.FIRST_FAILURE, exchange.getProperty(Attempts.FIRST_FAILURE, now, String.class));
        message.setHeader(FailureHeaders.LAST_FAILURE, now);
        message.setHeader(FailureHeaders.INSTANCE, instanceId);
        exchange.setProperty(DEAD_LETTERED, true);
        // Camel runs the dead-letter channel's onPrepareFailure for a matching onException too, and a
        // template may call this from that onException as well (the sender-router's unrouted): one
        // WARN line per dead letter, so once per exchange (a copy, such as a bus target's, is its own)
        if (!exchange.getExchangeId().equals(exchange.getProperty(LOGGED_FOR, String.class))) {
            exchange.setProperty(LOGGED_FOR, exchange.getExchangeId());
            log.deadLettered(exchange);
        }
    }

    private static void putIfPresent(Message message, String name, Object value) {
        if (value != null && !value.toString().isEmpty()) {
            message.setHeader(name, value.toString());
        }
    }
}
