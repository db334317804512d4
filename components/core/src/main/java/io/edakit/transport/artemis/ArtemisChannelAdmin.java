package io.edakit.transport.artemis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.edakit.transport.ChannelAddress;
import io.edakit.transport.ChannelAdmin;
import io.edakit.transport.ChannelMessage;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/**
 * Waiting messages of Artemis queues: counts and purges through the broker's management
 * address, looks with browse-only consumers, takes with a consumer whose acknowledgements are
 * committed one message at a time. What is kept goes back by a rollback that does not count as a
 * delivery, so keeping a dead letter many times never trips the broker's delivery limit.
 */
final class ArtemisChannelAdmin implements ChannelAdmin {

    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long RECEIVE_MILLIS = 1_000;
    private static final long DECISION_TIMEOUT_MINUTES = 10;

    private final ArtemisConnection connection;
    private final ClientSession session;

    ArtemisChannelAdmin(ArtemisConnection connection) throws ActiveMQException {
        this.connection = connection;
        this.session = connection.consumerSession();
        session.start();
    }

    @Override
    public synchronized List<ChannelDepth> channels(String suffix) throws Exception {
        List<ChannelDepth> depths = new ArrayList<>();
        for (Object name : (Object[]) manage(ResourceNames.BROKER, "getQueueNames")) {
            String queue = name.toString();
            // a channel's point-to-point queue carries the channel's name; group queues are channel@group
            if (queue.endsWith(suffix) && !ChannelAddress.isSubscriberGroupName(queue)) {
                depths.add(new ChannelDepth(queue, waiting(queue)));
            }
        }
        depths.sort((a, b) -> a.channel().compareTo(b.channel()));
        return depths;
    }

    @Override
    public synchronized List<ChannelDepth> channelsHolding(String headerPrefix) throws Exception {
        List<ChannelDepth> depths = new ArrayList<>();
        for (Object name : (Object[]) manage(ResourceNames.BROKER, "getQueueNames")) {
            String queue = name.toString();
            if (ChannelAddress.isSubscriberGroupName(queue)) {
                continue; // a subscriber group's queue: dead letters go to point-to-point channels
            }
            ClientSession.QueueQuery query = session.queueQuery(SimpleString.of(queue));
            // a queue being consumed has its oldest messages out for delivery, so no browser sees them
            if (query.isExists() && query.getConsumerCount() == 0 && query.getMessageCount() > 0
                    && holds(queue, headerPrefix)) {
                depths.add(new ChannelDepth(queue, query.getMessageCount()));
            }
        }
        depths.sort((a, b) -> a.channel().compareTo(b.channel()));
        return depths;
    }

    /** Whether the oldest message of {@code queue} a browser gets within a short wait is a dead letter. */
    private boolean holds(String queue, String headerPrefix) throws ActiveMQException {
        try (ClientConsumer browser = session.createConsumer(SimpleString.of(queue), null, true)) {
            ClientMessage oldest = browser.receive(RECEIVE_MILLIS / 4);
            if (oldest == null) {
                return false; // every message is being delivered to a consumer: none is waiting here
            }
            if (oldest.containsProperty(Message.HDR_ORIGINAL_QUEUE)) {
                return true; // moved by the broker to its dead-letter or expiry address
            }
            return oldest.getPropertyNames().stream().anyMatch(property -> property.toString().startsWith(headerPrefix));
        }
    }

    @Override
    public synchronized List<ChannelMessage> peek(String channel, int limit) throws Exception {
        String queue = existingQueue(channel);
        List<ChannelMessage> messages = new ArrayList<>();
        try (ClientConsumer browser = session.createConsumer(SimpleString.of(queue), null, true)) {
            while (messages.size() < limit) {
                ClientMessage message = browser.receive(messages.isEmpty() ? RECEIVE_MILLIS : RECEIVE_MILLIS / 4);
                if (message == null) {
                    break;
                }
                messages.add(ArtemisMessages.fromCore(message));
            }
        }
        return messages;
    }

    @Override
    public TakeSummary take(String channel, Function<ChannelMessage, CompletionStage<Decision>> decide)
            throws Exception {
        String queue = existingQueue(channel);
        long offered = 0;
        long taken = 0;
        long kept = 0;
        long snapshot = waiting(queue); // messages arriving during the call are not offered
        ClientSession takeSession = connection.consumerSession();
        // no prefetch: a taker that is killed holds at most the one message it was deciding about
        try (ClientConsumer consumer = takeSession.createConsumer(SimpleString.of(queue), null, 0, -1, false)) {
            takeSession.start();
            while (offered < snapshot) {
                ClientMessage message = consumer.receive(RECEIVE_MILLIS);
                if (message == null) {
                    break;
                }
                offered++;
                Decision decision = await(decide.apply(ArtemisMessages.fromCore(message)));
                if (decision == Decision.TAKE) {
                    message.individualAcknowledge();
                    takeSession.commit(); // blocking: once taken, a crash cannot bring it back
                    taken++;
                } else {
                    kept++;
                    if (decision == Decision.STOP) {
                        break;
                    }
                }
            }
        } finally {
            // hands back everything kept, without counting it as a delivery
            takeSession.rollback(false);
            takeSession.close();
        }
        return new TakeSummary(offered, taken, kept);
    }

    @Override
    public synchronized long purge(String channel) throws Exception {
        String queue = existingQueue(channel);
        return ((Number) manage(ResourceNames.QUEUE + queue, "removeAllMessages")).longValue();
    }

    @Override
    public synchronized void close() {
        try {
            session.close();
        } catch (ActiveMQException ignored) {
            // closing anyway
        }
    }

    private long waiting(String queue) throws ActiveMQException {
        return session.queueQuery(SimpleString.of(queue)).getMessageCount();
    }

    private String existingQueue(String channel) throws ActiveMQException {
        String queue = ChannelAddress.pointToPoint(channel).consumerGroupName();
        if (!session.queueQuery(SimpleString.of(queue)).isExists()) {
            throw new IllegalArgumentException("no channel '" + channel + "' on this broker");
        }
        return queue;
    }

    private Object manage(String resource, String operation, Object... arguments) throws Exception {
        try (ClientRequestor requestor = new ClientRequestor(session, MANAGEMENT_ADDRESS)) {
            ClientMessage request = session.createMessage(false);
            ManagementHelper.putOperationInvocation(request, resource, operation, arguments);
            ClientMessage reply = requestor.request(request, TimeUnit.SECONDS.toMillis(10));
            if (reply == null) {
                throw new IllegalStateException("the broker did not answer the management request " + operation);
            }
            if (!ManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException("management request " + operation + " on " + resource + " failed: "
                        + Arrays.toString(ManagementHelper.getResults(reply)));
            }
            return ManagementHelper.getResult(reply);
        }
    }

    private static Decision await(CompletionStage<Decision> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(DECISION_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
