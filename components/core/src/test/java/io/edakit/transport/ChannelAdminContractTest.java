package io.edakit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.edakit.channel.Transports;
import io.edakit.config.Settings;
import io.edakit.transport.ChannelAdmin.Decision;
import io.edakit.transport.ChannelAdmin.TakeSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What dead-letter tooling relies on, for every transport: count, peek, take, keep, purge. */
public abstract class ChannelAdminContractTest {

    @TempDir
    Path dataDir;

    private ChannelTransport transport;
    private ChannelAdmin admin;
    private String channel;

    protected abstract Properties transportProperties(Path dataDir);

    @BeforeEach
    void start() throws Exception {
        Properties properties = transportProperties(dataDir);
        transport = Transports.create(Settings.from(key -> java.util.Optional.ofNullable(properties.getProperty(key))));
        transport.start();
        admin = transport.admin();
        channel = "admin-" + UUID.randomUUID().toString().substring(0, 8) + ".dlq";
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (transport != null) {
            transport.stop();
        }
    }

    private void send(int count, String kind) {
        ChannelSender sender = transport.sender(channel, SendOptions.PERSISTENT);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(sender.send(ChannelMessage.of((kind + "-" + i).getBytes(), Map.of("kind", kind), null))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
    }

    private long waiting() throws Exception {
        return admin.channels(".dlq").stream().filter(d -> d.channel().equals(channel))
                .mapToLong(ChannelAdmin.ChannelDepth::waiting).sum();
    }

    private static String body(ChannelMessage message) {
        return new String(message.body());
    }

    @Test
    void findsTheChannelsWhoseOldestWaitingMessageCarriesAHeaderOfAPrefixWhateverTheirName() throws Exception {
        String parked = "parked-" + UUID.randomUUID().toString().substring(0, 8);
        String plain = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        send(parked, Map.of("edakit_failure_instance", "old-instance", "kind", "dead"));
        send(parked, Map.of("kind", "later"));
        send(plain, Map.of("kind", "ordinary"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(admin.channelsHolding("edakit_failure_"))
                .contains(new ChannelAdmin.ChannelDepth(parked, 2))
                .noneMatch(depth -> depth.channel().equals(plain)));
    }

    private void send(String to, Map<String, String> headers) {
        transport.sender(to, SendOptions.PERSISTENT).send(ChannelMessage.of("x".getBytes(), headers, null))
                .toCompletableFuture().join();
    }

    @Test
    void countsAndPeeksWithoutConsuming() throws Exception {
        send(12, "a");
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 12);
        List<ChannelMessage> firstFive = admin.peek(channel, 5);
        assertThat(firstFive).hasSize(5).allSatisfy(m -> assertThat(m.headers()).containsEntry("kind", "a"));
        assertThat(admin.peek(channel, 100)).hasSize(12);
        assertThat(waiting()).isEqualTo(12);
    }

    @Test
    void takesWhatIsSelectedAndKeepsTheRestForLater() throws Exception {
        send(10, "move");
        send(6, "stay");
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 16);

        List<String> taken = new ArrayList<>();
        TakeSummary first = admin.take(channel, message -> {
            boolean move = "move".equals(message.headers().get("kind"));
            if (move) {
                taken.add(body(message));
            }
            return CompletableFuture.completedFuture(move ? Decision.TAKE : Decision.KEEP);
        });
        assertThat(first).isEqualTo(new TakeSummary(16, 10, 6));
        assertThat(taken).hasSize(10).doesNotHaveDuplicates();
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 6);

        // kept messages are offered again by the next call, and can then be taken
        TakeSummary second = admin.take(channel, message -> CompletableFuture.completedFuture(Decision.TAKE));
        assertThat(second).isEqualTo(new TakeSummary(6, 6, 0));
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 0);
    }

    @Test
    void stopEndsEarlyAndAFailedDecisionKeepsItsMessage() throws Exception {
        send(8, "m");
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 8);
        int[] seen = {0};
        TakeSummary stopped = admin.take(channel, message ->
                CompletableFuture.completedFuture(++seen[0] <= 3 ? Decision.TAKE : Decision.STOP));
        assertThat(stopped.taken()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 5);

        assertThatThrownBy(() -> admin.take(channel, message ->
                CompletableFuture.failedFuture(new IllegalStateException("target unreachable"))))
                .hasMessageContaining("target unreachable");
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 5);
    }

    @Test
    void messagesArrivingDuringATakeAreNotOfferedByIt() throws Exception {
        send(4, "before");
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 4);
        List<String> offered = new ArrayList<>();
        admin.take(channel, message -> {
            offered.add(message.headers().get("kind"));
            if (offered.size() == 1) {
                send(3, "during");
            }
            return CompletableFuture.completedFuture(Decision.TAKE);
        });
        assertThat(offered).containsOnly("before").hasSize(4);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 3);
    }

    @Test
    void purgeRemovesEverythingWaiting() throws Exception {
        send(7, "p");
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 7);
        assertThat(admin.purge(channel)).isEqualTo(7);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting() == 0);
    }

    @Test
    void unknownChannelsAreNamedInTheError() {
        assertThatThrownBy(() -> admin.peek("no-such-channel.dlq", 1)).hasMessageContaining("no-such-channel.dlq");
    }
}
