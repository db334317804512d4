package io.edakit.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import io.edakit.broker.kafka.SharedKafkaBroker;
import io.edakit.config.Settings;
import io.edakit.transport.ChannelAddress;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelReceiver;
import io.edakit.transport.ChannelSender;
import io.edakit.transport.MessageSink;
import io.edakit.transport.ReceiveOptions;
import io.edakit.transport.ReplyInbox;
import io.edakit.transport.SendOptions;
import io.edakit.transport.Settlement;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only Kafka has to get right: partitions shared by the receivers of a group, offsets that
 * never pass an unsettled record, rewinds after a rejection, one reply topic per instance.
 * Tested on the transport SPI itself, against the test JVM's shared in-process broker.
 */
class KafkaTransportTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<KafkaTransport> transports = new ArrayList<>();
    private final List<ChannelReceiver> receivers = new ArrayList<>();

    /** What a sink saw: the body as text and the delivery count, in order of delivery. */
    private record Seen(String body, int deliveryCount, String key) {
    }

    @AfterEach
    void stopAll() {
        receivers.forEach(receiver -> receiver.stop(Duration.ofSeconds(1)));
        transports.forEach(KafkaTransport::stop);
    }

    @Test
    void receiversOfOneGroupShareThePartitionsAndKeepPerKeyOrder() throws Exception {
        KafkaTransport transport = start(Map.of());
        String channel = unique("shared");
        Map<String, List<Integer>> sequenceByKey = new ConcurrentHashMap<>();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        KafkaReceiver a = receiver(transport, ChannelAddress.pointToPoint(channel), 50,
                recordingSequence(sequenceByKey, first));
        KafkaReceiver b = receiver(transport, ChannelAddress.pointToPoint(channel), 50,
                recordingSequence(sequenceByKey, second));
        awaitSplit(a, b, 3);

        sendAll(transport.sender(channel, SendOptions.PERSISTENT), 600, i -> "k" + (i % 12));

        await().atMost(WAIT).until(() -> first.get() + second.get() >= 600);
        assertThat(first.get() + second.get()).isEqualTo(600);
        assertThat(first.get()).isPositive();
        assertThat(second.get()).isPositive();
        assertThat(sequenceByKey).hasSize(12);
        sequenceByKey.values().forEach(sequence -> assertThat(sequence).hasSize(50).isSorted().doesNotHaveDuplicates());
    }

    @Test
    void aReceiverStoppedWithRecordsInFlightLosesNothing() throws Exception {
        KafkaTransport transport = start(Map.of());
        String channel = unique("handover");
        ChannelAddress address = ChannelAddress.subscriberGroup(channel, "billing");
        List<Settlement> held = new CopyOnWriteArrayList<>();
        List<String> heldBodies = new CopyOnWriteArrayList<>();
        Map<String, Integer> survivorSaw = new ConcurrentHashMap<>();
        AtomicInteger survivorDeliveries = new AtomicInteger();
        KafkaReceiver holder = receiver(transport, address, 10, (message, settlement) -> {
            heldBodies.add(body(message)); // processing "hangs": never settled while the receiver runs
            held.add(settlement);
        });
        KafkaReceiver survivor = receiver(transport, address, 50, (message, settlement) -> {
            survivorDeliveries.incrementAndGet();
            survivorSaw.merge(body(message), message.deliveryCount(), Math::max);
            settlement.accept();
        });
        awaitSplit(holder, survivor, 3);

        Set<String> sent = sendAll(transport.sender(channel, SendOptions.PERSISTENT), 300, i -> "k" + (i % 9));
        await().atMost(WAIT).until(() -> holder.inFlight() == 10);

        holder.stop(Duration.ofMillis(200));
        held.forEach(Settlement::accept); // settled too late: the partitions have moved on, nothing breaks

        await().atMost(WAIT).until(() -> survivorSaw.size() >= 300);
        assertThat(survivorSaw.keySet()).isEqualTo(sent);
        assertThat(survivorDeliveries.get()).as("each record reaches the survivor once").isEqualTo(300);
        assertThat(heldBodies).hasSize(10);
        heldBodies.forEach(body -> assertThat(survivorSaw.get(body)).as("delivery count of " + body).isEqualTo(2));
    }

    @Test
    void aRejectedRecordIsDeliveredAgainAfterTheRecordsInFlightSettle() throws Exception {
        KafkaTransport transport = start(Map.of());
        String channel = unique("rewind");
        List<Seen> seen = new CopyOnWriteArrayList<>();
        AtomicReference<Settlement> failing = new AtomicReference<>();
        receiver(transport, ChannelAddress.pointToPoint(channel), 20, (message, settlement) -> {
            seen.add(new Seen(body(message), message.deliveryCount(), message.key()));
            if (body(message).equals("m3") && message.deliveryCount() == 1) {
                failing.set(settlement); // still processing while m4..m9 finish
            } else {
                settlement.accept();
            }
        });
        // one key: one partition, so offsets follow the send order
        ChannelSender sender = transport.sender(channel, SendOptions.PERSISTENT);
        for (int i = 0; i < 10; i++) {
            sender.send(ChannelMessage.of(("m" + i).getBytes(StandardCharsets.UTF_8), Map.of(), "one-key"))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> seen.size() >= 10);

        failing.get().reject(new IllegalStateException("try again"));

        await().atMost(WAIT).until(() -> seen.stream().anyMatch(s -> s.body().equals("m9") && s.deliveryCount() == 2));
        Map<String, List<Integer>> counts = new HashMap<>();
        seen.forEach(s -> counts.computeIfAbsent(s.body(), b -> new ArrayList<>()).add(s.deliveryCount()));
        for (int i = 0; i < 3; i++) {
            assertThat(counts.get("m" + i)).as("m" + i + " was accepted before the rejected record").containsExactly(1);
        }
        for (int i = 3; i < 10; i++) {
            assertThat(counts.get("m" + i)).as("m" + i + " comes again from the rejected offset on").containsExactly(1, 2);
        }
        assertThat(seen).allMatch(s -> "one-key".equals(s.key()));
    }

    @Test
    void headersKeyCorrelationAndReplyToTravelAsRecordFields() throws Exception {
        KafkaTransport transport = start(Map.of());
        String channel = unique("fields");
        AtomicReference<ChannelMessage> received = new AtomicReference<>();
        receiver(transport, ChannelAddress.pointToPoint(channel), 4, (message, settlement) -> {
            received.set(message);
            settlement.accept();
        });
        ChannelMessage sent = ChannelMessage.of("body".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_type", "order.created", "tenant", "acmé"), "order-7").withReplyTo("inbox-x", "corr-1");
        transport.sender(channel, SendOptions.PERSISTENT).send(sent).toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> received.get() != null);
        ChannelMessage message = received.get();
        assertThat(body(message)).isEqualTo("body");
        assertThat(message.headers()).isEqualTo(Map.of("ce_type", "order.created", "tenant", "acmé"));
        assertThat(message.key()).isEqualTo("order-7");
        assertThat(message.correlationId()).isEqualTo("corr-1");
        assertThat(message.replyTo()).isEqualTo("inbox-x");
        assertThat(message.deliveryCount()).isEqualTo(1);
    }

    @Test
    void eachInstanceGetsOnlyItsOwnReplies() throws Exception {
        KafkaTransport one = start(Map.of("edakit.instance-id", unique("instance")));
        KafkaTransport two = start(Map.of("edakit.instance-id", unique("instance")));
        List<String> toOne = new CopyOnWriteArrayList<>();
        List<String> toTwo = new CopyOnWriteArrayList<>();
        try (ReplyInbox inboxOne = one.openReplyInbox(reply -> toOne.add(reply.correlationId()));
             ReplyInbox inboxTwo = two.openReplyInbox(reply -> toTwo.add(reply.correlationId()))) {
            assertThat(inboxOne.address()).isNotEqualTo(inboxTwo.address());
            for (int i = 0; i < 5; i++) {
                two.sendReply(inboxOne.address(), reply("for-one-" + i)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                one.sendReply(inboxTwo.address(), reply("for-two-" + i)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            await().atMost(WAIT).until(() -> toOne.size() >= 5 && toTwo.size() >= 5);
            assertThat(toOne).containsExactly("for-one-0", "for-one-1", "for-one-2", "for-one-3", "for-one-4");
            assertThat(toTwo).containsExactly("for-two-0", "for-two-1", "for-two-2", "for-two-3", "for-two-4");
        }
    }

    @Test
    void withoutCreateTopicsAMissingTopicFailsNamingTopicAndSetting() throws Exception {
        KafkaTransport transport = start(Map.of("edakit.kafka.create-topics", "false"));
        String channel = unique("absent");
        ChannelReceiver receiver = transport.receiver(ChannelAddress.pointToPoint(channel), new ReceiveOptions(4),
                (message, settlement) -> settlement.accept());

        assertThatThrownBy(receiver::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + channel + "'").hasMessageContaining("edakit.kafka.create-topics");
        CompletableFuture<Void> send = transport.sender(channel, SendOptions.PERSISTENT)
                .send(ChannelMessage.of(new byte[0], Map.of(), null)).toCompletableFuture();
        assertThat(send).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .withMessageContaining("'" + channel + "'").withMessageContaining("edakit.kafka.create-topics");
    }

    @Test
    void healthIsUpWhileTheClusterAnswers() throws Exception {
        KafkaTransport transport = start(Map.of());

        assertThat(transport.health().up()).isTrue();
        assertThat(transport.health().detail()).contains("Kafka cluster");
        transport.stop();
        assertThat(transport.health().up()).isFalse();
    }

    @Test
    void startFailsClearlyWhenTheClusterIsUnreachable() {
        Map<String, String> props = new HashMap<>();
        props.put("edakit.transport", "kafka");
        props.put("edakit.kafka.bootstrap-servers", "127.0.0.1:1");
        // pass-through properties reach the admin client: fail in one second instead of fifteen
        props.put("edakit.kafka.properties.request.timeout.ms", "1000");
        props.put("edakit.kafka.properties.default.api.timeout.ms", "1000");
        KafkaTransport transport = new KafkaTransport(Settings.from(key -> Optional.ofNullable(props.get(key))));

        assertThatThrownBy(transport::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageContaining("edakit.kafka.bootstrap-servers");
    }

    private KafkaTransport start(Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put("edakit.transport", "kafka");
        props.put("edakit.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers());
        props.put("edakit.instance-id", unique("kafka-test"));
        // members learn of a rebalance at their next heartbeat: 3 s by default, too slow for tests
        props.put("edakit.kafka.properties.heartbeat.interval.ms", "300");
        props.putAll(extra);
        KafkaTransport transport = new KafkaTransport(Settings.from(key -> Optional.ofNullable(props.get(key))));
        transport.start();
        transports.add(transport);
        return transport;
    }

    private KafkaReceiver receiver(KafkaTransport transport, ChannelAddress address, int maxInFlight, MessageSink sink)
            throws Exception {
        KafkaReceiver receiver = (KafkaReceiver) transport.receiver(address, new ReceiveOptions(maxInFlight), sink);
        receiver.start();
        receivers.add(receiver);
        return receiver;
    }

    /** Waits until both receivers read some of the topic's partitions, and together all of them. */
    private static void awaitSplit(KafkaReceiver a, KafkaReceiver b, int partitions) {
        await().atMost(WAIT).until(() -> {
            Set<TopicPartition> first = a.assignment();
            Set<TopicPartition> second = b.assignment();
            Set<TopicPartition> all = new HashSet<>(first);
            all.addAll(second);
            return !first.isEmpty() && !second.isEmpty() && all.size() == partitions
                    && first.size() + second.size() == partitions;
        });
    }

    private static MessageSink recordingSequence(Map<String, List<Integer>> sequenceByKey, AtomicInteger count) {
        return (message, settlement) -> {
            sequenceByKey.computeIfAbsent(message.key(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(Integer.parseInt(message.headers().get("seq")));
            count.incrementAndGet();
            settlement.accept();
        };
    }

    /** Sends {@code count} messages without waiting for each (as the channel producer does), then waits for all. */
    private static Set<String> sendAll(ChannelSender sender, int count, IntFunction<String> key) throws Exception {
        Set<String> bodies = new HashSet<>();
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = "m" + i;
            bodies.add(body);
            confirmations.add(sender.send(ChannelMessage.of(body.getBytes(StandardCharsets.UTF_8),
                    Map.of("seq", Integer.toString(i)), key.apply(i))).toCompletableFuture());
        }
        CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return bodies;
    }

    private static ChannelMessage reply(String correlationId) {
        return ChannelMessage.of("ok".getBytes(StandardCharsets.UTF_8), Map.of(), null).withCorrelationId(correlationId);
    }

    private static String body(ChannelMessage message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }

    private static String unique(String base) {
        return base + "-" + NAMES.incrementAndGet();
    }
}
