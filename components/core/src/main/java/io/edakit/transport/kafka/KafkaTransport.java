package io.edakit.transport.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channels on an Apache Kafka cluster ({@code edakit.transport=kafka}): a channel is a topic, a
 * receiver a consumer group named like the Artemis queue of the same address, the ordering key the
 * record key, and request-reply runs over one reply topic per instance.
 *
 * <p>Kafka has no transient messages: a non-persistent send is written like a persistent one.
 */
public final class KafkaTransport implements ChannelTransport {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransport.class);
    private static final long CONNECT_TIMEOUT_MILLIS = 15_000;
    /** Reply topics are the transport's own, not channels. */
    static final String REPLY_TOPIC_PREFIX = "edakit.reply.";

    private final Settings settings;
    private String instanceId;
    /** Delivery counts by consumer group, shared by every receiver of the group in this process. */
    private final Map<String, DeliveryCounts> deliveryCounts = new ConcurrentHashMap<>();
    private KafkaSettings kafka;
    private KafkaClientConfigs configs;
    private Admin admin;
    private TopicManager topics;
    private PipelinedProducer producer;
    private ClusterHealthProbe healthProbe;

    /** A transport that reads its settings from {@code settings} when it starts. */
    public KafkaTransport(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public synchronized void start() throws Exception {
        if (producer != null) {
            return;
        }
        kafka = settings.get(KafkaSettings.GROUP);
        instanceId = settings.get(TransportSettings.GROUP).instanceId();
        configs = new KafkaClientConfigs(kafka, instanceId);
        Map<String, Object> adminConfig = configs.admin();
        admin = Admin.create(adminConfig);
        String clusterId;
        try {
            clusterId = admin.describeCluster().clusterId().get(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stop();
            throw e;
        } catch (ExecutionException | TimeoutException e) {
            stop();
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Cannot reach the Kafka cluster at " + kafka.bootstrapServers() + " ("
                    + KafkaSettings.BOOTSTRAP_SERVERS.name() + ") within " + CONNECT_TIMEOUT_MILLIS + " ms: " + cause, e);
        }
        topics = new TopicManager(admin, kafka);
        Map<String, Object> producerConfig = configs.producer();
        producer = new PipelinedProducer(producerConfig);
        healthProbe = new ClusterHealthProbe(admin, kafka.bootstrapServers());
        LOG.info("Kafka transport connected to cluster {} at {}", clusterId, kafka.bootstrapServers());
        LOG.debug("Kafka producer config {}", KafkaClientConfigs.describe(producerConfig));
    }

    @Override
    public synchronized void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10)); // sends what is still buffered first
            producer = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        healthProbe = null;
    }

    /** The lag of each receivers' group from its committed offsets ({@link AdminOffsets}); topics not created yet count 0. */
    @Override
    public Map<ChannelAddress, Long> consumerLag(Collection<ChannelAddress> receivers) throws Exception {
        Admin current = admin;
        if (current == null || receivers.isEmpty()) {
            return Map.of();
        }
        AdminOffsets offsets = new AdminOffsets(current, kafka.bootstrapServers());
        Map<String, List<TopicPartition>> topics = offsets.partitions(receivers.stream().map(ChannelAddress::channel)
                .collect(Collectors.toSet()));
        Map<String, List<TopicPartition>> byGroup = new HashMap<>();
        receivers.forEach(address -> byGroup.put(address.consumerGroupName(),
                topics.getOrDefault(address.channel(), List.of())));
        Map<String, ChannelBacklog> backlogs = offsets.backlogs(byGroup, group -> group);
        Map<ChannelAddress, Long> lags = new HashMap<>();
        receivers.forEach(address -> lags.put(address, backlogs.get(address.consumerGroupName()).waiting()));
        return lags;
    }

    @Override
    public ChannelSender sender(String channel, SendOptions options) {
        return message -> {
            try {
                topics.ensure(channel); // once per topic; later sends find it known
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            return producer.send(channel, message);
        };
    }

    @Override
    public ChannelReceiver receiver(ChannelAddress address, ReceiveOptions options, MessageSink sink) {
        DeliveryCounts counts = deliveryCounts.computeIfAbsent(address.consumerGroupName(), group -> new DeliveryCounts());
        return new KafkaReceiver(address, options, sink, configs, topics, counts, kafka.consumerThreads());
    }

    @Override
    public ReplyInbox openReplyInbox(Consumer<ChannelMessage> onReply) {
        String topic = replyTopic(instanceId);
        return KafkaReplyInbox.open(topic, topics, configs.consumer(null, "replies", 500), onReply);
    }

    @Override
    public CompletionStage<Void> sendReply(String replyAddress, ChannelMessage reply) {
        return producer.send(replyAddress, reply);
    }

    @Override
    public TransportHealth health() {
        ClusterHealthProbe probe = healthProbe;
        return probe == null ? TransportHealth.down("not started") : probe.health();
    }

    /** Opens a {@link KafkaChannelAdmin} with clients of its own, configured like this transport's. */
    @Override
    public synchronized ChannelAdmin admin() {
        if (producer == null) {
            throw new IllegalStateException("The Kafka transport is not started: start it before opening its channel admin");
        }
        return new KafkaChannelAdmin(configs, kafka.bootstrapServers());
    }

    /** One reply topic per instance; instance ids are free text, topic names are not. */
    static String replyTopic(String instanceId) {
        return REPLY_TOPIC_PREFIX + instanceId.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
