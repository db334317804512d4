package io.edakit.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.paging.PagingManager;
import org.apache.activemq.artemis.core.postoffice.PostOffice;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
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
    private static final long LOCK_ACQUISITION_TIMEOUT_MILLIS = 5_000;
    private static final String ACCEPTOR = "edakit";
    private static final String JOURNAL = "journal";

    /*
     * The settings a user changes when the broker cannot start, as edakit-core declares them
     * (edakit-core's ArtemisBrokerSettings): named here because this artifact depends on nothing of edakit-core, so that
     * core's own tests can start the broker. A test in core checks that the names agree.
     */
    /** The setting of the acceptor's port. */
    public static final String PORT_SETTING = "edakit.broker.port";
    /** The setting of the data directory. */
    public static final String DATA_DIR_SETTING = "edakit.broker.data-dir";
    /** The setting of the free space kept on the journal's disk. */
    public static final String MIN_DISK_FREE_SETTING = "edakit.broker.min-disk-free-mb";
    /** How often the broker looks at its disk's free space: a statfs call, cheap next to a blocked producer unnoticed. */
    private static final int DISK_SCAN_PERIOD_MILLIS = 1_000;

    private final BrokerSettings settings;
    private final int port;
    private EmbeddedActiveMQ server;

    public EmbeddedArtemisBroker(BrokerSettings settings) {
        this.settings = settings;
        this.port = settings.port() == 0 ? Ports.freeLoopbackPort() : settings.port();
    }

    /**
     * Starts the broker, or fails within seconds, naming the setting to change, when another process
     * holds the data directory (Artemis would wait for its journal lock forever) or the acceptor's
     * port (Artemis would run without its acceptor, and clients of this URL would reach the other
     * process).
     */
    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        requireFreeDataDirectory(settings.dataDirectory());
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
        embedded.setConfiguration(configuration());
        embedded.setSecurityManager(securityManager());
        embedded.start();
        if (!embedded.getActiveMQServer().isActive() || !acceptorListening(embedded)) {
            // Artemis logs why (AMQ224000, AMQ229230) and returns as if started; the likely whys: a
            // process holds the port, or took the journal lock after the check above
            embedded.stop();
            requireFreeDataDirectory(settings.dataDirectory());
            if (!Ports.canListen(settings.host(), port)) {
                throw new IllegalStateException("port " + port + " on " + settings.host() + " is in use by another "
                        + "process; stop it or choose another port with " + PORT_SETTING);
            }
            throw new IllegalStateException("the embedded Artemis broker did not start; its log lines above say why");
        }
        server = embedded;
        LOG.info("Embedded Artemis broker started in {} ms: acceptor {}, journal {}",
                (System.nanoTime() - started) / 1_000_000, url(), settings.dataDirectory().toAbsolutePath());
    }

    /**
     * Fails when a running broker holds the journal of {@code dataDirectory}: Artemis keeps a lock
     * on a file of its journal folder ({@code serverlock.1} in 2.44) while it lives.
     */
    public static void requireFreeDataDirectory(Path dataDirectory) throws IOException {
        if (LockFiles.heldIn(dataDirectory.resolve(JOURNAL), "server*lock*").isPresent()) {
            throw dataDirectoryInUse(dataDirectory);
        }
    }

    private static IllegalStateException dataDirectoryInUse(Path dataDirectory) {
        return new IllegalStateException("the broker data directory " + dataDirectory.toAbsolutePath().normalize()
                + " is in use by another running broker; stop that process or choose another directory with "
                + DATA_DIR_SETTING);
    }

    /** Whether the acceptor is bound: Artemis logs a failed bind and carries on without it. */
    private static boolean acceptorListening(EmbeddedActiveMQ embedded) {
        Acceptor acceptor = embedded.getActiveMQServer().getRemotingService().getAcceptor(ACCEPTOR);
        return acceptor != null && acceptor.isStarted() && acceptor.getActualPort() > 0;
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

    /**
     * Why the broker blocks producers now, if it does: the free space on its journal's disk fell
     * below {@link BrokerSettings#minDiskFreeBytes()}. Sends then wait (Artemis withholds their
     * credits) until space is freed, so this is the first thing an operator needs to see.
     */
    public synchronized Optional<String> producersBlockedBecause() {
        if (server == null) {
            return Optional.empty();
        }
        PagingManager paging = server.getActiveMQServer().getPagingManager();
        if (paging == null || !paging.isDiskFull()) {
            return Optional.empty();
        }
        return Optional.of("the embedded broker blocks producers: " + mebibytes(paging.getDiskUsableSpace())
                + " MiB free on the disk of " + settings.dataDirectory().toAbsolutePath().normalize() + ", below "
                + MIN_DISK_FREE_SETTING + "=" + mebibytes(settings.minDiskFreeBytes()) + "; free space or lower the setting");
    }

    private static long mebibytes(long bytes) {
        return bytes / (1024 * 1024);
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

    /** The broker's configuration, built from the settings (package-private for its test). */
    Configuration configuration() throws Exception {
        String dir = settings.dataDirectory().toAbsolutePath().toString();
        Configuration config = new ConfigurationImpl()
                .setName("edakit")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir + "/" + JOURNAL)
                // fail rather than wait forever when another process takes the journal lock first
                .setJournalLockAcquisitionTimeout(LOCK_ACQUISITION_TIMEOUT_MILLIS)
                .setBindingsDirectory(dir + "/bindings")
                .setPagingDirectory(dir + "/paging")
                .setLargeMessagesDirectory(dir + "/large-messages")
                .setSecurityEnabled(true)
                .setJMXManagementEnabled(false)
                .setGracefulShutdownEnabled(true)
                .setGracefulShutdownTimeout(10_000)
                // an absolute reserve instead of Artemis' default share of the disk (blocking at 90 % used)
                .setMaxDiskUsage(-1)
                .setMinDiskFree(settings.minDiskFreeBytes() > 0 ? settings.minDiskFreeBytes() : -1)
                .setDiskScanPeriod(DISK_SCAN_PERIOD_MILLIS)
                .addAcceptorConfiguration(ACCEPTOR, "tcp://" + settings.host() + ":" + port + "?protocols=CORE");
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
}
