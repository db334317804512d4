package io.edakit.broker.kafka;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (KRaft, broker and controller in one node) inside this JVM, for
 * tests and for the benchmark of the runnable jar. It listens on 127.0.0.1 only, on free ports,
 * and keeps its logs in a temporary directory removed on close. ({@link DevelopmentKafkaBroker} is
 * the one that keeps its data, for trying Kafka with the runnable jar.)
 *
 * <p>It needs the optional Kafka broker jars ({@code kafka_2.13}, its {@code test} classifier, and
 * the {@code test} classifiers of {@code kafka-clients} and {@code kafka-server-common}), in the
 * version of the Kafka client: a newer broker fails with NoClassDefFoundError against 3.9 clients.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long READY_RETRY_MILLIS = 50;

    /** The combined broker-controller node of a one-node test kit cluster has id 0. */
    private static final int NODE_ID = 0;

    /**
     * One node cannot hold the three replicas Kafka's internal topics ask for by default: without
     * these, consumer groups never form. No initial rebalance delay, so a group's first member
     * starts reading at once instead of after 3 s.
     */
    static final Map<String, String> SINGLE_NODE = Map.of(
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0");

    /** Overrides the test kit's "localhost" listeners, which could bind to any address that name resolves to. */
    private static final Map<String, String> LOOPBACK_LISTENERS = Map.of(
            "listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0");

    private KafkaClusterTestKit cluster;

    /** Formats and starts the node, and waits until the broker accepts clients (~2-3 s). */
    public synchronized void start() throws Exception {
        if (cluster != null) {
            return;
        }
        long started = System.nanoTime();
        keepHostProcessAlive();
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                // without this the test kit picks the newest metadata version, which may be unstable
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setPerServerProperties(Map.of(NODE_ID, LOOPBACK_LISTENERS))
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        SINGLE_NODE.forEach(builder::setConfigProp);
        KafkaClusterTestKit starting = builder.build();
        try {
            starting.format();
            starting.startup();
            awaitServing(clientAddress(starting));
        } catch (Exception e) {
            starting.close();
            throw e;
        }
        cluster = starting;
        LOG.info("Embedded Kafka broker started in {} ms at {}", (System.nanoTime() - started) / 1_000_000,
                bootstrapServers());
    }

    /**
     * A Kafka broker halts its JVM when its log directories fail. The test kit keeps them in temporary
     * directories that a shutdown hook of its own deletes, concurrently with whatever hook stops the
     * broker: at JVM exit the broker could see its logs vanish and halt the process with status 1,
     * failing a test run whose tests all passed. The broker is a guest here, never the one to end
     * the process, so such requests are logged instead.
     */
    static void keepHostProcessAlive() {
        Exit.setHaltProcedure((status, message) -> LOG.warn(
                "The embedded Kafka broker asked to halt the JVM (status {}): {}; ignored", status, message));
        Exit.setExitProcedure((status, message) -> LOG.warn(
                "The embedded Kafka broker asked to exit the JVM (status {}): {}; ignored", status, message));
    }

    /**
     * Waits until the broker answers clients. The test kit's own {@code waitForReadyBrokers} asserts
     * with JUnit, which the runnable jar does not ship; a client's view is what matters anyway.
     */
    static void awaitServing(String bootstrapServers) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(1, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException notYet) {
                    // still starting
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeoutException("the embedded Kafka broker did not answer within "
                            + READY_TIMEOUT_SECONDS + " s at " + bootstrapServers);
                }
                Thread.sleep(READY_RETRY_MILLIS);
            }
        }
    }

    /** The {@code host:port} clients connect to. */
    public synchronized String bootstrapServers() {
        if (cluster == null) {
            throw new IllegalStateException("the embedded Kafka broker is not started");
        }
        return clientAddress(cluster);
    }

    /**
     * The test kit names the host "localhost", which may resolve to ::1 first, where nothing
     * listens; the address the listener is bound to is exact.
     */
    private static String clientAddress(KafkaClusterTestKit cluster) {
        return cluster.bootstrapServers().replace("localhost:", "127.0.0.1:");
    }

    public synchronized boolean isRunning() {
        return cluster != null;
    }

    @Override
    public synchronized void close() throws Exception {
        if (cluster != null) {
            KafkaClusterTestKit stopping = cluster;
            cluster = null;
            stopping.close();
            LOG.info("Embedded Kafka broker stopped");
        }
    }
}
