package io.edakit.transport.artemis;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.edakit.config.Settings;
import io.edakit.transport.ChannelAddress;
import io.edakit.transport.ChannelAdmin;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelReceiver;
import io.edakit.transport.ChannelSender;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.MessageSink;
import io.edakit.transport.ReceiveOptions;
import io.edakit.transport.ReplyInbox;
import io.edakit.transport.SendOptions;
import io.edakit.transport.TransportHealth;
import io.edakit.transport.TransportSettings;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channels on ActiveMQ Artemis: an external broker when {@code edakit.broker.url} is set,
 * otherwise one embedded in this JVM (started and stopped with the transport; it needs the
 * {@code edakit-artemis-broker} artifact, see {@link EmbeddedBroker}).
 */
public final class ArtemisTransport implements ChannelTransport {

    /**
     * Accepted messages a receiver may hold whose acknowledgement the broker has not confirmed
     * (see {@link ArtemisReceiver}). A commit is one round trip for a whole batch, so a few hundred
     * keep a fast consumer going.
     */
    public static final int MAX_UNCOMMITTED = 512;

    private static final Logger LOG = LoggerFactory.getLogger(ArtemisTransport.class);

    private final Settings settings;
    private String instanceId;
    private EmbeddedBroker embeddedBroker;
    private ArtemisConnection connection;
    private ArtemisTopology topology;
    private ProducerPool producers;
    private String url;

    /** A transport that reads its settings from {@code settings} when it starts. */
    public ArtemisTransport(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "artemis";
    }

    @Override
    public synchronized void start() throws Exception {
        if (connection != null) {
            return;
        }
        ArtemisBrokerSettings broker = settings.get(ArtemisBrokerSettings.GROUP);
        instanceId = settings.get(TransportSettings.GROUP).instanceId();
        url = broker.url().orElse(null);
        String password;
        if (url == null) {
            password = broker.embeddedBrokerPassword();
            embeddedBroker = EmbeddedBroker.start(broker, password);
            url = embeddedBroker.url();
        } else {
            password = broker.password().orElse(null);
        }
        try {
            connection = new ArtemisConnection(url, broker.user(), password, embeddedBroker == null);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("Cannot connect to the Artemis broker at " + URISupport.sanitizeUri(url)
                    + " as user '" + broker.user() + "': " + e.getMessage(), e);
        }
        topology = new ArtemisTopology(connection.producerSession());
        producers = new ProducerPool(connection, broker.senderSessions());
        LOG.info("Artemis transport connected to {} ({})", URISupport.sanitizeUri(url),
                embeddedBroker != null ? "embedded" : "external");
    }

    @Override
    public synchronized void stop() {
        if (producers != null) {
            producers.close();
            producers = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (embeddedBroker != null) {
            try {
                embeddedBroker.close();
            } catch (Exception e) {
                LOG.warn("Stopping the embedded broker failed: {}", e.toString());
            }
            embeddedBroker = null;
        }
    }

    /** The URL of the broker in use (the embedded one's acceptor when embedded). */
    public String url() {
        return url;
    }

    @Override
    public ChannelSender sender(String channel, SendOptions options) {
        return message -> {
            try {
                topology.ensureChannel(channel);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
            return producers.send(channel, message, options.persistent(), RoutingType.MULTICAST);
        };
    }

    @Override
    public ChannelReceiver receiver(ChannelAddress address, ReceiveOptions options, MessageSink sink) {
        return new ArtemisReceiver(connection, topology, address, options, sink);
    }

    @Override
    public ReplyInbox openReplyInbox(Consumer<ChannelMessage> onReply) throws Exception {
        return new ArtemisReplyInbox(connection, "edakit.reply." + instanceId + "."
                + Long.toHexString(System.nanoTime()), onReply);
    }

    @Override
    public CompletionStage<Void> sendReply(String replyAddress, ChannelMessage reply) {
        // a plain JMS requester may name a topic or a temporary queue in JMSReplyTo
        ArtemisMessages.ReplyDestination destination = ArtemisMessages.replyDestination(replyAddress);
        return producers.send(destination.address(), reply, false, destination.routing());
    }

    @Override
    public ChannelAdmin admin() throws Exception {
        return new ArtemisChannelAdmin(connection);
    }

    @Override
    public TransportHealth health() {
        if (connection == null) {
            return TransportHealth.down("not started");
        }
        if (embeddedBroker != null) {
            if (!embeddedBroker.isActive()) {
                return TransportHealth.down("embedded broker is not active");
            }
            Optional<String> blocked = embeddedBroker.producersBlockedBecause();
            if (blocked.isPresent()) {
                return TransportHealth.down(blocked.get());
            }
        }
        return connection.isConnected() ? TransportHealth.up("connected to " + url)
                : TransportHealth.down("not connected to " + url);
    }
}
