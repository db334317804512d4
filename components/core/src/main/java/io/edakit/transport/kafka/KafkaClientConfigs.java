package io.edakit.transport.kafka;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.edakit.config.Secrets;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the configuration of each Kafka client the transport opens, in three layers: edakit's
 * tuning defaults, then the user's pass-through properties (those a client of that kind knows),
 * then the few properties the transport's guarantees rest on, which nothing may override.
 */
final class KafkaClientConfigs {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClientConfigs.class);

    /**
     * What at-least-once rests on: every send confirmed by all in-sync replicas and never written
     * twice by a retry; offsets committed by the transport, only for settled records; a new group
     * starting from the oldest record rather than skipping what was sent before it joined; topics
     * created by edakit with the configured partitions, never by a consumer's metadata request.
     */
    private static final Map<String, String> PRODUCER_FIXED = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    private static final Map<String, String> CONSUMER_FIXED = Map.of(
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());

    /**
     * No linger: a request-reply pays any linger twice (request and reply); measured here, 5 ms of
     * linger made the p50 13 ms against 1 ms for the raw client. Sends are pipelined anyway, so
     * records that arrive while earlier requests are in flight still travel in batches (larger
     * batches allowed). Streams that want more batching set linger through
     * edakit.kafka.properties.linger.ms. A send blocks its caller only while metadata is missing or the buffer is full;
     * 15 s instead of 60 s turns an unreachable cluster or a vanished reply topic into an error
     * before a route's thread has been held for a minute.
     */
    private static final Map<String, String> PRODUCER_DEFAULTS = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, "0",
            ProducerConfig.BATCH_SIZE_CONFIG, "131072",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");

    /**
     * Cooperative rebalancing moves only the partitions that change owner, so a receiver joining
     * or leaving does not stop every other receiver of the group while in-flight records drain.
     * A session of 10 s instead of Kafka's 45 s: a crashed instance's partitions (and with them
     * the records it had in flight) go to the others, or to its restarted self, 10 s after its last
     * heartbeat rather than 45 s; heartbeats come from a thread of their own, so a slow handler
     * does not end a session.
     */
    private static final Map<String, String> CONSUMER_DEFAULTS = Map.of(
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000",
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");

    /** Client ids name JMX beans, which must be unique in the JVM (several transports may share one). */
    private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger();

    private final KafkaSettings settings;
    private final String clientIdPrefix;

    KafkaClientConfigs(KafkaSettings settings, String instanceId) {
        this.settings = settings;
        this.clientIdPrefix = "edakit-" + instanceId;
    }

    Map<String, Object> producer() {
        return build("producer", ProducerConfig.configNames(), PRODUCER_DEFAULTS, PRODUCER_FIXED,
                clientIdPrefix + "-producer");
    }

    /**
     * A consumer of {@code groupId}; null for a consumer that assigns its partitions itself.
     * {@code maxPollRecords} keeps one poll near the receiver's in-flight window, so little is
     * fetched only to be dropped when a partition is rewound or moves to another receiver.
     */
    Map<String, Object> consumer(String groupId, String clientId, int maxPollRecords) {
        Map<String, String> fixed = new TreeMap<>(CONSUMER_FIXED);
        if (groupId != null) {
            fixed.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        Map<String, String> defaults = new TreeMap<>(CONSUMER_DEFAULTS);
        defaults.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        return build("consumer", ConsumerConfig.configNames(), defaults, fixed, clientIdPrefix + "-" + clientId);
    }

    Map<String, Object> admin() {
        return build("admin", AdminClientConfig.configNames(), Map.of(), Map.of(), clientIdPrefix + "-admin");
    }

    /** A client configuration as it may appear in a log line: secret values masked. */
    static String describe(Map<String, ?> config) {
        return new TreeMap<>(config).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + Secrets.display(entry.getKey(), String.valueOf(entry.getValue())))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private Map<String, Object> build(String kind, Set<String> known, Map<String, String> defaults,
                                      Map<String, String> fixed, String clientId) {
        Map<String, Object> config = new TreeMap<>(defaults);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-" + CLIENT_SEQUENCE.incrementAndGet());
        settings.passThrough().forEach((name, value) -> {
            if (fixed.containsKey(name)) {
                LOG.warn("Ignoring {}{} for the Kafka {}: edakit sets it to {} (its delivery guarantees depend on it)",
                        KafkaSettings.PASS_THROUGH_PREFIX, name, kind, fixed.get(name));
            } else if (known.contains(name)) {
                config.put(name, value);
            }
        });
        config.putAll(fixed);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return config;
    }
}
