package io.edakit.transport.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.edakit.config.EdakitSettings;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The {@code edakit.kafka.*} settings, declared once like {@link EdakitSettings}'s own, plus the
 * pass-through family {@code edakit.kafka.properties.<kafka client property>} that carries any
 * Kafka client property (SASL, TLS, tuning) to the producer, consumers and admin client.
 *
 * <p>The static declarations must not touch {@link EdakitSettings}: that class lists them in its
 * own static initializer, and a cycle between the two initializers would leave nulls behind.
 */
public final class KafkaSettings {

    /** Keys under this prefix are handed to the Kafka clients with the prefix removed. */
    public static final String PASS_THROUGH_PREFIX = "edakit.kafka.properties.";

    public static final ParameterSpec BOOTSTRAP_SERVERS = ParameterSpec
            .builder("edakit.kafka.bootstrap-servers", ParameterType.STRING)
            .description("Kafka brokers to connect to (host:port, comma separated). Required when edakit.transport=kafka.")
            .example("kafka-1:9092,kafka-2:9092").build();
    public static final ParameterSpec CREATE_TOPICS = ParameterSpec
            .builder("edakit.kafka.create-topics", ParameterType.BOOLEAN).defaultValue(true)
            .description("Create a channel's topic on first use when it is missing. When false, a missing topic "
                    + "fails the sender or receiver that needs it, naming the topic.").build();
    public static final ParameterSpec PARTITIONS = ParameterSpec
            .builder("edakit.kafka.partitions", ParameterType.INTEGER).defaultValue(3)
            .description("Partitions of the topics edakit creates: the most receivers of one group that share a "
                    + "channel's load.").build();
    public static final ParameterSpec REPLICATION_FACTOR = ParameterSpec
            .builder("edakit.kafka.replication-factor", ParameterType.INTEGER).defaultValue(1)
            .description("Replication factor of the topics edakit creates (3 on a production cluster).").build();
    public static final ParameterSpec CONSUMER_THREADS = ParameterSpec
            .builder("edakit.kafka.consumer-threads", ParameterType.INTEGER).defaultValue(1)
            .description("Kafka consumers (each with its own polling thread) per channel receiver.").build();

    public static final List<ParameterSpec> DEFINITIONS = List.of(BOOTSTRAP_SERVERS, CREATE_TOPICS, PARTITIONS,
            REPLICATION_FACTOR, CONSUMER_THREADS);

    /** Every property name a Kafka producer, consumer or admin client understands. */
    private static final Set<String> CLIENT_PROPERTIES = clientPropertyNames();

    private final String bootstrapServers;
    private final boolean createTopics;
    private final int partitions;
    private final short replicationFactor;
    private final int consumerThreads;
    private final Map<String, String> passThrough;

    private KafkaSettings(String bootstrapServers, boolean createTopics, int partitions, short replicationFactor,
                          int consumerThreads, Map<String, String> passThrough) {
        this.bootstrapServers = bootstrapServers;
        this.createTopics = createTopics;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.consumerThreads = consumerThreads;
        this.passThrough = Map.copyOf(passThrough);
    }

    /**
     * Whether {@code key} belongs to the pass-through family: the prefix followed by the name of a
     * property some Kafka client knows. The settings validator accepts such keys although no
     * {@link ParameterSpec} declares them; a misspelt client property is refused like any unknown key.
     */
    public static boolean isPassThrough(String key) {
        return key.startsWith(PASS_THROUGH_PREFIX) && CLIENT_PROPERTIES.contains(key.substring(PASS_THROUGH_PREFIX.length()));
    }

    /** Reads the Kafka settings; fails, naming the key, when one is missing or malformed. */
    public static KafkaSettings from(EdakitSettings settings) {
        String servers = settings.find(BOOTSTRAP_SERVERS.name()).orElseThrow(() -> new IllegalArgumentException(
                EdakitSettings.TRANSPORT.name() + "=kafka needs " + BOOTSTRAP_SERVERS.name()
                        + " (host:port of the brokers, comma separated)"));
        // The lookup cannot list keys, so the pass-through family is probed by name: every property a
        // Kafka client knows. That is also the set isPassThrough accepts, so nothing the validator
        // lets through is silently ignored here.
        Map<String, String> passThrough = new TreeMap<>();
        for (String property : CLIENT_PROPERTIES) {
            settings.find(PASS_THROUGH_PREFIX + property).ifPresent(value -> passThrough.put(property, value));
        }
        return new KafkaSettings(servers, Boolean.parseBoolean(settings.value(CREATE_TOPICS)),
                positive(settings, PARTITIONS), (short) positive(settings, REPLICATION_FACTOR),
                positive(settings, CONSUMER_THREADS), passThrough);
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

    /** Kafka client properties given through the pass-through family, by client property name. */
    public Map<String, String> passThrough() {
        return passThrough;
    }

    private static int positive(EdakitSettings settings, ParameterSpec spec) {
        String value = settings.value(spec);
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(spec.name() + " must be a positive integer, was '" + value + "'");
    }

    private static Set<String> clientPropertyNames() {
        Set<String> names = new TreeSet<>();
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }
}
