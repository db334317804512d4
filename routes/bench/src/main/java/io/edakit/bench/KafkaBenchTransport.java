package io.edakit.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.edakit.broker.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A local single-node Kafka broker ({@link EmbeddedKafkaBroker}, KRaft, logs in a temporary
 * directory removed on close) or an existing cluster, and raw kafka-clients for the raw side.
 *
 * <p>Every topic, the baseline's included, has the partitions edakit gives the topics it creates
 * ({@code edakit.kafka.partitions}, 3 unless set). {@code --consumers} is the number of Kafka
 * consumers on both sides: the template's receiver gets as many consumer threads
 * ({@code edakit.kafka.consumer-threads}) and as many workers (concurrent-consumers).
 */
final class KafkaBenchTransport implements BenchTransport {

    static final int DEFAULT_PARTITIONS = 3;

    private final String externalServers;
    private final int consumers;
    private EmbeddedKafkaBroker broker;
    private String bootstrapServers;
    private Admin admin;

    KafkaBenchTransport(String externalServers, int consumers) {
        this.externalServers = externalServers;
        this.consumers = consumers;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void start() throws Exception {
        if (externalServers == null || externalServers.isBlank()) {
            broker = new EmbeddedKafkaBroker();
            broker.start();
            bootstrapServers = broker.bootstrapServers();
        } else {
            bootstrapServers = externalServers;
        }
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public Map<String, String> edakitSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("edakit.transport", "kafka");
        settings.put("edakit.kafka.bootstrap-servers", bootstrapServers);
        settings.put("edakit.kafka.consumer-threads", String.valueOf(consumers));
        return settings;
    }

    @Override
    public void prepareChannel(String channel) throws Exception {
        createTopic(channel, DEFAULT_PARTITIONS);
    }

    void createTopic(String topic, int partitions) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // a new topic takes a moment to be known everywhere, and each partition to get a leader: a send
        // before that meets NOT_LEADER, and its retry can end in OutOfOrderSequenceException (KAFKA-15591),
        // which TopicManager waits out for edakit's own topics and the feeder's raw producer must too
        while (true) {
            try {
                boolean led = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic)
                        .partitions().stream().allMatch(partition -> partition.leader() != null
                                && !partition.leader().isEmpty());
                if (led) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " has partitions without a leader after 30 s");
                }
                Thread.sleep(50);
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public Feeder feeder() {
        return new KafkaFeeder(bootstrapServers);
    }

    @Override
    public AutoCloseable pointToPointBaseline(String channel, int consumerCount, HandledCounter counter)
            throws Exception {
        prepareChannel(channel);
        return new KafkaPointToPointBaseline(bootstrapServers, channel, consumerCount, counter);
    }

    @Override
    public AutoCloseable camelPointToPoint(String channel, int consumerCount, HandledCounter counter)
            throws Exception {
        prepareChannel(channel);
        return new CamelKafkaPointToPoint(bootstrapServers, channel, consumerCount, counter);
    }

    /** camel-kafka has no request-reply (InOut) of its own. */
    @Override
    public RequestReplyBaseline camelRequestReply(String channel, int consumerCount) {
        return null;
    }

    @Override
    public RequestReplyBaseline requestReplyBaseline(String channel, int consumerCount) throws Exception {
        prepareChannel(channel);
        String replyTopic = channel + ".reply";
        createTopic(replyTopic, 1);
        return new KafkaRequestReplyBaseline(bootstrapServers, channel, replyTopic, consumerCount);
    }

    /** Waits until the channel's consumer group (named like the channel on both sides) has committed every record. */
    @Override
    public void awaitSettled(String channel, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        TopicDescription topic = admin.describeTopics(List.of(channel)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(channel);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topic.partitions().forEach(p -> latest.put(new TopicPartition(channel, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(30, TimeUnit.SECONDS);
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(channel)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long behind = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                behind += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            if (behind <= 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("consumer group " + channel + " has " + behind
                        + " records not committed after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public String describe(String scenario) {
        if (BenchOptions.EVENT_BUS.equals(scenario)) {
            return "sender (feeds both sides): the raw pipelined sender of point-to-point; both sides run in edakit's "
                    + "Camel context on the same broker";
        }
        if (BenchOptions.POINT_TO_POINT.equals(scenario)) {
            return "sender (feeds both sides): one raw KafkaProducer (acks=all, idempotent, linger.ms=10, "
                    + "batch.size=131072), pipelined sends with a callback each; topics with " + DEFAULT_PARTITIONS
                    + " partitions\n"
                    + "baseline: raw KafkaConsumer per consumer (group = topic, auto-commit off), handler runs "
                    + "inline on the poll thread for each record, then commitAsync of the processed batch\n"
                    + CamelKafkaPointToPoint.describe() + "\n"
                    + "template side: edakit.kafka.consumer-threads=" + consumers;
        }
        return "baseline: raw kafka-clients; requests to a topic (" + DEFAULT_PARTITIONS + " partitions) with "
                + "correlation-id and reply-to headers, one reply topic (1 partition) read by one consumer assigned to "
                + "it (no group) completing the waiting caller; responder = raw KafkaConsumer per consumer (group, "
                + "auto-commit off) sending the echo, committing after each batch; producers acks=all, linger.ms=0\n"
                + "template side: edakit.kafka.consumer-threads=" + consumers + "\n"
                + "camel: none (camel-kafka has no request-reply of its own)";
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        try {
            if (broker != null) {
                broker.close();
            }
        } catch (Exception e) {
            System.err.println("Stopping the benchmark Kafka broker failed: " + e);
        }
    }
}
