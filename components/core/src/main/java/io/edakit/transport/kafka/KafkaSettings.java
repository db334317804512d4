package io.edakit.transport.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.edakit.config.Bounds;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.config.SettingException;
import io.edakit.config.SettingGroup;
import io.edakit.config.SettingSource;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The {@code edakit.kafka.*} settings, plus the pass-through family
 * {@code edakit.kafka.properties.<kafka client property>} that carries any Kafka client property
 * (SASL, TLS, tuning) to the producer, consumers and admin client.
 */
public final class KafkaSettings {

    /** Keys under this prefix are handed to the Kafka clients with the prefix removed. */
    public static final String PASS_THROUGH_PREFIX = "edakit.kafka.properties.";

    public static final ParameterSpec BOOTSTRAP_SERVERS = ParameterSpec
            .builder("edakit.kafka.bootstrap-servers", ParameterType.STRING)
            .description("Kafka brokers to connect to (host:port, comma separated). Required when edakit.transport=kafka "
                    + "(or edakit.idempotency.store=kafka), unless edakit.kafka.embedded=true.")
            .example("kafka-1:9092,kafka-2:9092").build();
    public static final ParameterSpec CREATE_TOPICS = ParameterSpec
            .builder("edakit.kafka.create-topics", ParameterType.BOOLEAN).defaultValue(true)
            .description("Create a channel's topic on first use when it is missing. When false, a missing topic "
                    + "fails the sender or receiver that needs it, naming the topic.").build();
    public static final ParameterSpec PARTITIONS = ParameterSpec
            .builder("edakit.kafka.partitions", ParameterType.INTEGER).bounds(Bounds.atLeast(1)).defaultValue(3)
            .description("Partitions of the topics edakit creates: the most receivers of one group that share a "
                    + "channel's load.").build();
    public static final ParameterSpec REPLICATION_FACTOR = ParameterSpec
            .builder("edakit.kafka.replication-factor", ParameterType.INTEGER).bounds(Bounds.of(1, Short.MAX_VALUE))
            .defaultValue(1)
            .description("Replication factor of the topics edakit creates (3 on a production cluster).").build();
    public static final ParameterSpec CONSUMER_THREADS = ParameterSpec
            .builder("edakit.kafka.consumer-threads", ParameterType.INTEGER).bounds(Bounds.atLeast(1)).defaultValue(1)
            .description("Kafka consumers (each with its own polling thread) per channel receiver.").build();

    public static final ParameterSpec EMBEDDED = ParameterSpec
            .builder("edakit.kafka.embedded", ParameterType.BOOLEAN).defaultValue(false)
            .description("Development only: when edakit.kafka.bootstrap-servers is empty, the application starts a "
                    + "single-node Kafka broker of its own (KRaft, no authentication, 127.0.0.1 only, data in "
                    + "edakit.kafka.embedded-data-dir) and uses it. For trying Kafka locally with run, never for "
                    + "production.").example(true).build();
    public static final ParameterSpec EMBEDDED_PORT = ParameterSpec
            .builder("edakit.kafka.embedded-port", ParameterType.INTEGER).bounds(Bounds.of(1, 65535)).defaultValue(9092)
            .description("Port of the development broker (edakit.kafka.embedded) on 127.0.0.1; fixed, so that the "
                    + "dlq command and Kafka's own tools find it.").example(19092).build();
    public static final ParameterSpec EMBEDDED_DATA_DIR = ParameterSpec
            .builder("edakit.kafka.embedded-data-dir", ParameterType.STRING).defaultValue("./data/kafka")
            .description("Directory of the development broker's logs (edakit.kafka.embedded); kept across restarts, "
                    + "delete it to start empty.").build();

    /** The host the development broker listens on: this machine only. */
    public static final String EMBEDDED_HOST = "127.0.0.1";

    /** Every property name a Kafka producer, consumer or admin client understands. */
    private static final Set<String> CLIENT_PROPERTIES = clientPropertyNames();

    /**
     * Read when Kafka is used (transport, idempotency store): fails without bootstrap servers.
     * Accepts the pass-through family besides the declared keys.
     */
    public static final SettingGroup<KafkaSettings> GROUP = SettingGroup.of("Kafka",
            List.of(BOOTSTRAP_SERVERS, CREATE_TOPICS, PARTITIONS, REPLICATION_FACTOR, CONSUMER_THREADS, EMBEDDED,
                    EMBEDDED_PORT, EMBEDDED_DATA_DIR), KafkaSettings::from).withFamily(KafkaSettings::isPassThrough);

    private final String bootstrapServers;
    private final boolean createTopics;
    private final int partitions;
    private final short replicationFactor;
    private final int consumerThreads;
    private final Map<String, String> passThrough;
    private final boolean embedded;
    private final int embeddedPort;
    private final Path embeddedDataDir;

    private KafkaSettings(SettingSource source, String bootstrapServers, Map<String, String> passThrough) {
        this.bootstrapServers = bootstrapServers;
        this.createTopics = source.bool(CREATE_TOPICS);
        this.partitions = source.integer(PARTITIONS);
        this.replicationFactor = (short) source.integer(REPLICATION_FACTOR);
        this.consumerThreads = source.integer(CONSUMER_THREADS);
        this.passThrough = Map.copyOf(passThrough);
        this.embedded = wantsEmbeddedBroker(source);
        this.embeddedPort = source.integer(EMBEDDED_PORT);
        this.embeddedDataDir = source.path(EMBEDDED_DATA_DIR);
    }

    /**
     * Whether {@code key} belongs to the pass-through family: the prefix followed by the name of a
     * property some Kafka client knows. The settings validator accepts such keys although no
     * {@link ParameterSpec} declares them; a misspelt client property is refused like any unknown key.
     */
    public static boolean isPassThrough(String key) {
        return key.startsWith(PASS_THROUGH_PREFIX) && CLIENT_PROPERTIES.contains(key.substring(PASS_THROUGH_PREFIX.length()));
    }

    /**
     * Whether these settings ask for the development broker: {@link #EMBEDDED} on and no bootstrap
     * servers given (given servers win, so a shared configuration can point the same file at a cluster).
     * Reads the text, so that the configuration check may ask before it judged the values.
     */
    public static boolean wantsEmbeddedBroker(SettingSource settings) {
        return settings.find(BOOTSTRAP_SERVERS).isEmpty() && "true".equalsIgnoreCase(settings.text(EMBEDDED).trim());
    }

    /** {@code 127.0.0.1:<edakit.kafka.embedded-port>}: where the development broker listens. */
    private static String embeddedBootstrapServers(SettingSource settings) {
        return EMBEDDED_HOST + ":" + settings.integer(EMBEDDED_PORT);
    }

    /**
     * Reads the Kafka settings; fails, naming the key, when one is missing or malformed. With the
     * development broker asked for, the bootstrap servers are its address.
     */
    public static KafkaSettings from(SettingSource settings) {
        settings.bool(EMBEDDED); // a bad value is named as such, not as missing servers
        String servers = wantsEmbeddedBroker(settings) ? embeddedBootstrapServers(settings)
                : settings.find(BOOTSTRAP_SERVERS).orElseThrow(() -> new SettingException(
                        BOOTSTRAP_SERVERS.name(), missingBootstrapServers()));
        // The lookup cannot list keys, so the pass-through family is probed by name: every property a
        // Kafka client knows. That is also the set isPassThrough accepts, so nothing the validator
        // lets through is silently ignored here.
        Map<String, String> passThrough = new TreeMap<>();
        for (String property : CLIENT_PROPERTIES) {
            settings.find(PASS_THROUGH_PREFIX + property).ifPresent(value -> passThrough.put(property, value));
        }
        return new KafkaSettings(settings, servers, passThrough);
    }

    /** Why Kafka cannot be used without bootstrap servers, and the two ways out. */
    public static String missingBootstrapServers() {
        return "required with Kafka (host:port of the brokers, comma separated); to try Kafka on this machine "
                + "set " + EMBEDDED.name() + "=true instead (development only)";
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean createTopics() {
        return createTopics;
    }

    public int partitions() {
        return partitions;
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    public int consumerThreads() {
        return consumerThreads;
    }

    /** Whether the development broker is asked for ({@link #wantsEmbeddedBroker}): it gives the bootstrap servers. */
    public boolean embedded() {
        return embedded;
    }

    /** Port of the development broker on {@link #EMBEDDED_HOST}. */
    public int embeddedPort() {
        return embeddedPort;
    }

    /** Directory of the development broker's logs. */
    public Path embeddedDataDir() {
        return embeddedDataDir;
    }

    /** Kafka client properties given through the pass-through family, by client property name. */
    public Map<String, String> passThrough() {
        return passThrough;
    }

    private static Set<String> clientPropertyNames() {
        Set<String> names = new TreeSet<>();
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }
}
