package io.edakit.broker;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.postoffice.PostOffice;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ActiveMQ Artemis broker inside this JVM: persistent NIO journal, one CORE acceptor on the
 * configured interface, authentication on. Other processes (and other edakit instances) connect
 * to it through the acceptor like to any external broker.
 */
public final class EmbeddedArtemisBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedArtemisBroker.class);
    private static final String ROLE = "edakit";
    private static final long CLIENTS_GONE_TIMEOUT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    private final BrokerSettings settings;
    private final int port;
    private EmbeddedActiveMQ server;

    public EmbeddedArtemisBroker(BrokerSettings settings) {
        this.settings = settings;
        this.port = settings.port() == 0 ? freePort() : settings.port();
    }

    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
        embedded.setConfiguration(configuration());
        embedded.setSecurityManager(securityManager());
        embedded.start();
        server = embedded;
        LOG.info("Embedded Artemis broker started in {} ms: acceptor {}, journal {}",
                (System.nanoTime() - started) / 1_000_000, url(), settings.dataDirectory().toAbsolutePath());
    }

    /** The URL clients connect with. */
    public String url() {
        return "tcp://" + settings.host() + ":" + port;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isActive() {
        return server != null && server.getActiveMQServer().isActive();
    }

    @Override
    public synchronized void close() throws Exception {
        if (server != null) {
            awaitClientsGone();
            server.stop();
            server = null;
            LOG.info("Embedded Artemis broker stopped");
        }
    }

    /**
     * The broker cleans up after a client (its temporary reply queues, say) asynchronously once the
     * client's connection closes; stopping the broker in the middle of that fails the clean-up
     * with an error in the log. So let the clients of this JVM, closed just before, finish leaving.
     */
    private void awaitClientsGone() throws InterruptedException {
        long deadline = System.nanoTime() + CLIENTS_GONE_TIMEOUT_NANOS;
        while ((server.getActiveMQServer().getConnectionCount() > 0 || hasTemporaryAddresses())
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Temporary addresses (reply inboxes) outlive their connection until the broker has cleaned up. */
    private boolean hasTemporaryAddresses() {
        PostOffice postOffice = server.getActiveMQServer().getPostOffice();
        for (SimpleString address : postOffice.getAddresses()) {
            AddressInfo info = postOffice.getAddressInfo(address);
            if (info != null && info.isTemporary()) {
                return true;
            }
        }
        return false;
    }

    private Configuration configuration() throws Exception {
        String dir = settings.dataDirectory().toAbsolutePath().toString();
        Configuration config = new ConfigurationImpl()
                .setName("edakit")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir + "/journal")
                .setBindingsDirectory(dir + "/bindings")
                .setPagingDirectory(dir + "/paging")
                .setLargeMessagesDirectory(dir + "/large-messages")
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .setGracefulShutdownEnabled(true)
                .setGracefulShutdownTimeout(10_000)
                .addAcceptorConfiguration("edakit", "tcp://" + settings.host() + ":" + port + "?protocols=CORE");
        // Naming a dead-letter and an expiry address keeps Artemis from warning (AMQ222165/6) about
        // every auto-created queue; the limit on deliveries is the broker's own guard against loops.
        // Queues are never created on a client's first use: edakit creates its own explicitly, and a
        // JMS consumer of a channel's queue (orders::orders) started before that queue exists would
        // otherwise create an anycast queue of the name, which the channel's multicast sends never reach.
        config.addAddressSetting("#", new AddressSettings()
                .setAutoCreateQueues(false)
                .setDeadLetterAddress(SimpleString.of("DLA"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setAutoCreateDeadLetterResources(true)
                .setAutoCreateExpiryResources(true)
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                .setRedeliveryDelay(100)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(5_000));
        // createDurableQueue, deleteDurableQueue, createNonDurableQueue, deleteNonDurableQueue,
        // manage, browse, createAddress, deleteAddress, view, edit: all for the one role.
        config.putSecurityRoles("#", Set.of(new Role(ROLE, true, true, true, true, true, true, true, true, true, true,
                true, true)));
        return config;
    }

    private ActiveMQSecurityManagerImpl securityManager() {
        ActiveMQSecurityManagerImpl manager = new ActiveMQSecurityManagerImpl();
        manager.getConfiguration().addUser(settings.user(), settings.password());
        manager.getConfiguration().addRole(settings.user(), ROLE);
        return manager;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on the loopback interface", e);
        }
    }
}
