package io.edakit.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.edakit.broker.BrokerSettings;
import io.edakit.broker.EmbeddedArtemisBroker;
import jakarta.jms.Destination;
import org.apache.activemq.artemis.api.core.ActiveMQAddressExistsException;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQQueue;
import org.apache.activemq.artemis.jms.client.ActiveMQTopic;

/**
 * A fresh embedded Artemis broker (free loopback port, journal in a temporary directory deleted
 * afterwards) and plain JMS ({@code artemis-jakarta-client}) for the raw side.
 *
 * <p>Every raw client uses the client settings edakit's Artemis transport uses: asynchronous send
 * confirmation through a 1 MiB confirmation window, no blocking durable or non-durable send, no
 * blocking acknowledgement. And every channel, the baseline's included, has edakit's topology: a
 * MULTICAST address named like the channel with one durable MULTICAST queue of the same name.
 */
final class ArtemisBenchTransport implements BenchTransport {

    /** As edakit's ArtemisConnection. */
    static final int CONFIRMATION_WINDOW_BYTES = 1024 * 1024;
    private static final String USER = "bench";

    private final String password = UUID.randomUUID().toString();
    private TempDirectory dataDir;
    private EmbeddedArtemisBroker broker;
    private ServerLocator adminLocator;
    private ClientSessionFactory adminFactory;
    private ClientSession admin;

    @Override
    public String name() {
        return "artemis";
    }

    @Override
    public void start() throws Exception {
        dataDir = new TempDirectory("edakit-bench-artemis-");
        broker = new EmbeddedArtemisBroker(new BrokerSettings("127.0.0.1", 0, dataDir.path(), USER, password, 10));
        broker.start();
        adminLocator = ActiveMQClient.createServerLocator(broker.url());
        adminFactory = adminLocator.createSessionFactory();
        admin = adminFactory.createSession(USER, password, false, true, true, false, 0);
    }

    String url() {
        return broker.url();
    }

    @Override
    public Map<String, String> edakitSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("edakit.transport", "artemis");
        settings.put("edakit.broker.url", broker.url());
        settings.put("edakit.broker.user", USER);
        settings.put("edakit.broker.password", password);
        return settings;
    }

    /** As edakit's ArtemisTopology: MULTICAST address, durable MULTICAST queue named like the channel. */
    @Override
    public synchronized void prepareChannel(String channel) throws Exception {
        SimpleString address = SimpleString.of(channel);
        if (!admin.addressQuery(address).isExists()) {
            try {
                admin.createAddress(address, RoutingType.MULTICAST, false);
            } catch (ActiveMQAddressExistsException raced) {
                // created meanwhile
            }
        }
        if (!admin.queueQuery(address).isExists()) {
            try {
                admin.createQueue(QueueConfiguration.of(channel).setAddress(channel)
                        .setRoutingType(RoutingType.MULTICAST).setDurable(true));
            } catch (ActiveMQQueueExistsException raced) {
                // created meanwhile
            }
        }
    }

    /** A JMS connection factory with edakit's client settings. */
    ActiveMQConnectionFactory connectionFactory() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url(), USER, password);
        factory.setConfirmationWindowSize(CONFIRMATION_WINDOW_BYTES);
        factory.setBlockOnDurableSend(false);
        factory.setBlockOnNonDurableSend(false);
        factory.setBlockOnAcknowledge(false);
        factory.setReconnectAttempts(0);
        return factory;
    }

    /** Where a raw sender sends to reach channel {@code channel}: its MULTICAST address. */
    static Destination sendDestination(String channel) {
        return new ActiveMQTopic(channel);
    }

    /** Where a raw consumer reads channel {@code channel}: its queue, by fully qualified name. */
    static Destination receiveDestination(String channel) {
        return new ActiveMQQueue(channel + "::" + channel);
    }

    @Override
    public BenchTransport.Feeder feeder() throws Exception {
        return new JmsFeeder(connectionFactory());
    }

    @Override
    public AutoCloseable pointToPointBaseline(String channel, int consumers, HandledCounter counter) throws Exception {
        prepareChannel(channel);
        return new JmsPointToPointBaseline(connectionFactory(), channel, consumers, counter);
    }

    @Override
    public AutoCloseable camelPointToPoint(String channel, int consumers, HandledCounter counter) throws Exception {
        prepareChannel(channel);
        return new CamelJmsPointToPoint(connectionFactory(), channel, consumers, counter);
    }

    @Override
    public RequestReplyBaseline camelRequestReply(String channel, int consumers) throws Exception {
        prepareChannel(channel);
        String replyQueue = channel + ".reply";
        prepareReplyQueue(replyQueue);
        return new CamelJmsRequestReply(connectionFactory(), channel, replyQueue, consumers);
    }

    /** A plain ANYCAST queue for replies (the broker auto-creates nothing), not durable. */
    private synchronized void prepareReplyQueue(String name) throws Exception {
        admin.createQueue(QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST)
                .setDurable(false));
    }

    @Override
    public RequestReplyBaseline requestReplyBaseline(String channel, int consumers) throws Exception {
        prepareChannel(channel);
        return new JmsRequestReplyBaseline(connectionFactory(), channel, consumers);
    }

    @Override
    public void awaitSettled(String channel, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while ((left = messageCount(channel)) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("queue " + channel + " still holds " + left
                        + " unacknowledged messages after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }

    /** Messages in the channel's queue, those delivered but not yet acknowledged included. */
    synchronized long messageCount(String channel) throws Exception {
        return admin.queueQuery(SimpleString.of(channel)).getMessageCount();
    }

    @Override
    public String describe(String scenario) {
        String client = "artemis-jakarta-client, edakit's client settings (confirmation window 1 MiB, "
                + "no blocking send, no blocking ack)";
        if (BenchOptions.EVENT_BUS.equals(scenario)) {
            return "sender (feeds both sides): the raw pipelined sender of point-to-point; both sides run in edakit's "
                    + "Camel context on the same broker";
        }
        if (BenchOptions.POINT_TO_POINT.equals(scenario)) {
            return "sender (feeds both sides): one raw JMS producer, persistent, pipelined sends with a "
                    + "CompletionListener each, to the channel's MULTICAST address; " + client + "\n"
                    + "baseline: plain JMS, one INDIVIDUAL_ACKNOWLEDGE session + MessageListener per consumer on the "
                    + "channel's durable queue; the listener reads the body, counts, then acknowledges\n"
                    + CamelJmsPointToPoint.describe();
        }
        return "baseline: plain JMS; callers each with a session, non-persistent requests with JMSCorrelationID "
                + "and JMSReplyTo = one temporary reply queue created once (exclusive, PRE_ACKNOWLEDGE listener "
                + "completing the waiting caller); responder = one INDIVIDUAL_ACKNOWLEDGE session + MessageListener "
                + "per consumer, echoes the body non-persistently, then acknowledges; " + client + "\n"
                + CamelJmsRequestReply.describe();
    }

    @Override
    public void close() {
        try {
            if (admin != null) {
                admin.close();
            }
        } catch (Exception e) {
            // closing anyway
        }
        if (adminFactory != null) {
            adminFactory.close();
        }
        if (adminLocator != null) {
            adminLocator.close();
        }
        try {
            if (broker != null) {
                broker.close();
            }
        } catch (Exception e) {
            System.err.println("Stopping the benchmark broker failed: " + e);
        }
        if (dataDir != null) {
            dataDir.close();
        }
    }
}
