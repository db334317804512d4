package io.edakit.transport.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The admin's bookkeeping on the cluster, through an admin client only: which channel topics exist,
 * where their partitions begin and end, and the admin's own position in each, kept as the committed
 * offsets of the consumer group {@code edakit.admin.<channel>}. That group never has members (the
 * admin reads with assigned partitions), so its offsets are written with
 * {@link Admin#alterConsumerGroupOffsets}, and the channel's own receivers (group = channel name)
 * are never touched.
 */
final class AdminOffsets {

    static final String GROUP_PREFIX = "edakit.admin.";
    private static final long TIMEOUT_MILLIS = 15_000;

    private final Admin admin;
    private final String bootstrapServers;

    AdminOffsets(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    /** The consumer group whose committed offsets are the admin's position in {@code channel}. */
    static String groupId(String channel) {
        return GROUP_PREFIX + channel;
    }

    /** Names of the channel topics ending with {@code suffix}: no internal topics, no reply topics. */
    Set<String> channelTopics(String suffix) throws Exception {
        Set<String> names = await(admin.listTopics(new ListTopicsOptions().listInternal(false)).names(),
                "list the topics");
        Set<String> channels = new TreeSet<>();
        for (String name : names) {
            if (name.endsWith(suffix) && !name.startsWith(KafkaTransport.REPLY_TOPIC_PREFIX)) {
                channels.add(name);
            }
        }
        return channels;
    }

    /** The partitions of each topic; a topic deleted since it was listed is left out. */
    Map<String, List<TopicPartition>> partitions(Collection<String> topics) throws Exception {
        Map<String, List<TopicPartition>> partitions = new TreeMap<>();
        if (topics.isEmpty()) {
            return partitions;
        }
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(topics).topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : descriptions.entrySet()) {
            try {
                partitions.put(entry.getKey(), partitionsOf(entry.getValue().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw failure("describe topic '" + entry.getKey() + "'", e);
                }
            } catch (TimeoutException e) {
                throw failure("describe topic '" + entry.getKey() + "'", e);
            }
        }
        return partitions;
    }

    /** The partitions of a channel's topic; fails, naming the channel, when the topic does not exist. */
    List<TopicPartition> partitionsOf(String channel) throws Exception {
        try {
            TopicDescription description = admin.describeTopics(List.of(channel)).allTopicNames()
                    .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).get(channel);
            return partitionsOf(description);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException || e.getCause() instanceof InvalidTopicException) {
                throw new IllegalArgumentException("no channel '" + channel + "' on the Kafka cluster at "
                        + bootstrapServers + " (topic '" + channel + "' does not exist)", e.getCause());
            }
            throw failure("describe the topic of channel '" + channel + "'", e);
        } catch (TimeoutException e) {
            throw failure("describe the topic of channel '" + channel + "'", e);
        }
    }

    /** A channel's backlog now; fails, naming the channel, when its topic does not exist. */
    ChannelBacklog backlog(String channel) throws Exception {
        return backlogs(Map.of(channel, partitionsOf(channel))).get(channel);
    }

    /**
     * The backlogs of several channels, in three requests whatever their number: first offsets, end
     * offsets, and the committed offsets of every admin group. A committed position outside the
     * partition's records (below its first offset after retention deleted records, or beyond its
     * end after the log was truncated) counts as no position, like a consumer's
     * {@code auto.offset.reset=earliest}.
     */
    Map<String, ChannelBacklog> backlogs(Map<String, List<TopicPartition>> partitionsByChannel) throws Exception {
        return backlogs(partitionsByChannel, AdminOffsets::groupId);
    }

    /**
     * As {@link #backlogs(Map)}, from the committed offsets of the consumer group {@code groupOf}
     * names for each key: a channel's receivers' own group gives that group's lag, the records
     * it has not settled yet (a group that never committed reads from the first offset).
     */
    Map<String, ChannelBacklog> backlogs(Map<String, List<TopicPartition>> partitionsByChannel,
                                         Function<String, String> groupOf) throws Exception {
        Map<String, ChannelBacklog> backlogs = new TreeMap<>();
        if (partitionsByChannel.isEmpty()) {
            return backlogs;
        }
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
        partitionsByChannel.forEach((channel, partitions) -> {
            partitions.forEach(partition -> {
                earliest.put(partition, OffsetSpec.earliest());
                latest.put(partition, OffsetSpec.latest());
            });
            groups.put(groupOf.apply(channel), new ListConsumerGroupOffsetsSpec());
        });
        String what = "read the offsets of " + describe(partitionsByChannel.keySet());
        // positions first: a position is never committed beyond the end offset of its time, so one
        // committed by another admin while this runs cannot lie beyond the end offsets read after it
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
                await(admin.listConsumerGroupOffsets(groups).all(), what);
        KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> firstOffsets = admin.listOffsets(earliest).all();
        KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> endOffsets = admin.listOffsets(latest).all();
        Map<TopicPartition, ListOffsetsResultInfo> firsts = await(firstOffsets, what);
        Map<TopicPartition, ListOffsetsResultInfo> ends = await(endOffsets, what);

        partitionsByChannel.forEach((channel, partitions) -> {
            Map<TopicPartition, OffsetAndMetadata> positions = committed.getOrDefault(groupOf.apply(channel), Map.of());
            Map<TopicPartition, Long> from = new HashMap<>();
            Map<TopicPartition, Long> to = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long first = firsts.get(partition).offset();
                long end = ends.get(partition).offset();
                OffsetAndMetadata position = positions.get(partition);
                boolean inRange = position != null && position.offset() >= first && position.offset() <= end;
                from.put(partition, inRange ? position.offset() : first);
                to.put(partition, end);
            }
            backlogs.put(channel, new ChannelBacklog(channel, from, to));
        });
        return backlogs;
    }

    /** Moves the admin's position in {@code channel}; returns once the group coordinator has written it. */
    void commit(String channel, Map<TopicPartition, Long> positions, String reason) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        positions.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset, "edakit admin " + reason)));
        await(admin.alterConsumerGroupOffsets(groupId(channel), offsets).all(),
                "commit the admin position " + positions + " of channel '" + channel + "' (group " + groupId(channel) + ")");
    }

    private static List<TopicPartition> partitionsOf(TopicDescription description) {
        List<TopicPartition> partitions = new ArrayList<>();
        description.partitions().forEach(info -> partitions.add(new TopicPartition(description.name(), info.partition())));
        return partitions;
    }

    private static String describe(Set<String> channels) {
        return channels.size() == 1 ? "channel '" + channels.iterator().next() + "'" : channels.size() + " channels";
    }

    private <T> T await(KafkaFuture<T> future, String what) throws Exception {
        try {
            return future.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw failure(what, e);
        }
    }

    private IllegalStateException failure(String what, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String detail = e instanceof TimeoutException ? "no answer within " + TIMEOUT_MILLIS + " ms" : cause.toString();
        return new IllegalStateException("Cannot " + what + " on the Kafka cluster at " + bootstrapServers + ": " + detail, cause);
    }
}
