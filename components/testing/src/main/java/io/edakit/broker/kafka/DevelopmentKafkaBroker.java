package io.edakit.broker.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.edakit.broker.LockFiles;
import io.edakit.broker.Ports;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one node) inside this JVM, for trying
 * Kafka on one machine with the runnable jar ({@code edakit.kafka.embedded=true}): plain text
 * without authentication, on 127.0.0.1 only, on a fixed port (so that other processes find it), its
 * logs kept in a directory across restarts. Development only: one node keeps one copy of each record.
 *
 * <p>The directory is formatted (a new cluster id) the first time only; later starts find their
 * topics and committed offsets again. Needs the optional Kafka broker jars, like
 * {@link EmbeddedKafkaBroker}.
 */
public final class DevelopmentKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";
    /** The file Kafka keeps formatted log directories' identity in. */
    private static final String META_PROPERTIES = "meta.properties";
    /** The file Kafka locks while it uses a log directory. */
    private static final String LOCK_FILE = ".lock";

    /*
     * The interface it listens on and the settings a user changes, as edakit-core declares them
     * (KafkaSettings): named here because this artifact depends on nothing of edakit-core, so that
     * core's own tests can use its brokers. A test in core checks that they agree.
     */
    /** The interface the broker listens on. */
    public static final String HOST = "127.0.0.1";
    /** The setting of an external cluster, which makes this broker unnecessary. */
    public static final String BOOTSTRAP_SERVERS_SETTING = "edakit.kafka.bootstrap-servers";
    /** The setting of the client port. */
    public static final String PORT_SETTING = "edakit.kafka.embedded-port";
    /** The setting of the log directory. */
    public static final String DATA_DIR_SETTING = "edakit.kafka.embedded-data-dir";

    private final Path directory;
    private final int port;
    private KafkaRaftServer server;

    /**
     * @param directory where the broker keeps its logs and metadata (created if missing)
     * @param port      the client port on 127.0.0.1
     */
    public DevelopmentKafkaBroker(Path directory, int port) {
        this.directory = directory.toAbsolutePath().normalize();
        this.port = port;
    }

    /**
     * Formats the directory if new, starts the node and waits until it serves clients (a few
     * seconds); fails, naming the setting to change, when another process holds the directory or the port.
     */
    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        requireFreeDataDirectory(directory);
        Files.createDirectories(directory);
        KafkaConfig config = KafkaConfig.fromProps(properties(Ports.freeLoopbackPort()));
        if (!Files.exists(directory.resolve(META_PROPERTIES))) {
            format();
        }
        EmbeddedKafkaBroker.keepHostProcessAlive();
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
            EmbeddedKafkaBroker.awaitServing(bootstrapServers());
        } catch (Exception e) {
            starting.shutdown();
            starting.awaitShutdown();
            throw isBindFailure(e) ? portInUse() : e;
        }
        server = starting;
        LOG.warn("Development Kafka broker started in {} ms at {} (edakit.kafka.embedded=true), data in {}: a single "
                        + "node without authentication, for trying Kafka on this machine only; set {} to use a cluster",
                (System.nanoTime() - started) / 1_000_000, bootstrapServers(), directory,
                BOOTSTRAP_SERVERS_SETTING);
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** Fails when a running Kafka broker holds {@code directory} (Kafka locks a file there while it runs). */
    public static void requireFreeDataDirectory(Path directory) throws IOException {
        if (LockFiles.heldIn(directory, LOCK_FILE).isPresent()) {
            throw new IllegalStateException("the development Kafka broker's directory " + directory.toAbsolutePath()
                    .normalize() + " is in use by another running broker; stop that process or choose another "
                    + "directory with " + DATA_DIR_SETTING);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            KafkaRaftServer stopping = server;
            server = null;
            stopping.shutdown();
            stopping.awaitShutdown();
            LOG.info("Development Kafka broker stopped");
        }
    }

    /** One node that is broker and controller; the controller listens on a free port, chosen anew each start. */
    private Properties properties(int controllerPort) {
        Properties properties = new Properties();
        properties.putAll(EmbeddedKafkaBroker.SINGLE_NODE);
        String host = HOST;
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        // a static quorum of this node: nothing about the controller's address is kept in the logs
        properties.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        properties.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER + "://" + host + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        properties.put("controller.listener.names", CONTROLLER);
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        properties.put("log.dirs", directory.toString());
        return properties;
    }

    private void format() throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .addDirectory(directory.toString())
                .setMetadataLogDirectory(directory.toString())
                .setControllerListenerName(CONTROLLER)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
        LOG.info("Development Kafka broker: formatted a new log directory {}", directory);
    }

    private IllegalStateException portInUse() {
        return new IllegalStateException("port " + port + " on " + HOST + " is in use by another "
                + "process; stop it or choose another port with " + PORT_SETTING);
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
