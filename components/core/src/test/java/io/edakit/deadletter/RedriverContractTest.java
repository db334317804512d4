package io.edakit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.edakit.channel.Transports;
import io.edakit.config.Settings;
import io.edakit.transport.ChannelAdmin;
import io.edakit.transport.ChannelMessage;
import io.edakit.transport.ChannelSender;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.SendOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redrive on every transport: selection, limits, dry run, rate, and the redrive-count guard. */
public abstract class RedriverContractTest {

    @TempDir
    Path dataDir;

    private ChannelTransport transport;
    private ChannelAdmin admin;
    private String channel;
    private String deadLetters;

    protected abstract Properties transportProperties(Path dataDir);

    @BeforeEach
    void start() throws Exception {
        Properties properties = transportProperties(dataDir);
        transport = Transports.create(Settings.from(key -> Optional.ofNullable(properties.getProperty(key))));
        transport.start();
        admin = transport.admin();
        channel = "redrive-" + UUID.randomUUID().toString().substring(0, 8);
        deadLetters = channel + ".dlq";
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

    /** Dead letters as a consuming template writes them: original headers plus failure headers. */
    private void deadLetter(int count, String exception, int redrives) {
        ChannelSender sender = transport.sender(deadLetters, SendOptions.PERSISTENT);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> headers = new HashMap<>();
            headers.put("ce_id", exception + "-" + redrives + "-" + i);
            headers.put("tenant", "acme");
            headers.put(FailureHeaders.CHANNEL, channel);
            headers.put(FailureHeaders.EXCEPTION, exception);
            headers.put(FailureHeaders.ATTEMPTS, "4");
            if (redrives > 0) {
                headers.put(FailureHeaders.REDRIVE_COUNT, String.valueOf(redrives));
            }
            sent.add(sender.send(ChannelMessage.of(("body-" + i).getBytes(), headers, null)).toCompletableFuture());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
    }

    private long waiting(String name) throws Exception {
        return admin.channels("").stream().filter(d -> d.channel().equals(name))
                .mapToLong(ChannelAdmin.ChannelDepth::waiting).sum();
    }

    private RedriveReport redrive(String filter, Set<String> ids, long max, double rate, boolean dryRun) throws Exception {
        RedriveRequest request = RedriveRequest.of(deadLetters, 3).withIds(ids).withDryRun(dryRun)
                .withFilter(filter == null ? null : HeaderFilter.parse(filter));
        request = max == Long.MAX_VALUE ? request : request.withMax(max);
        return new Redriver(transport).redrive(rate == 0 ? request : request.withRate(rate));
    }

    /**
     * The transport, noting when each message the redriver sends has arrived at its target (the broker
     * confirmed it): the sends are what a redrive rate paces, not the reading of the dead letters.
     */
    private ChannelTransport recordingArrivals(List<Long> arrivals) {
        InvocationHandler transportCalls = (proxy, method, args) -> {
            Object result = invoke(method, transport, args);
            if (!method.getName().equals("sender")) {
                return result;
            }
            ChannelSender sender = (ChannelSender) result;
            return (ChannelSender) message -> sender.send(message).thenRun(() -> arrivals.add(System.nanoTime()));
        };
        return (ChannelTransport) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ChannelTransport.class}, transportCalls);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void sendsEveryDeadLetterBackToItsChannelWithARedriveCountAndNoFailureHeaders() throws Exception {
        deadLetter(20, "java.net.ConnectException", 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting(deadLetters) == 20);
        RedriveReport report = redrive(null, Set.of(), Long.MAX_VALUE, 0, false);
        assertThat(report.offered()).isEqualTo(20);
        assertThat(report.moved()).isEqualTo(20);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting(channel) == 20 && waiting(deadLetters) == 0);
        List<ChannelMessage> back = admin.peek(channel, 100);
        assertThat(back).hasSize(20).allSatisfy(message -> {
            assertThat(message.headers()).containsEntry(FailureHeaders.REDRIVE_COUNT, "1").containsEntry("tenant", "acme")
                    .doesNotContainKeys(FailureHeaders.EXCEPTION, FailureHeaders.CHANNEL, FailureHeaders.ATTEMPTS);
        });
    }

    @Test
    void filterAndIdsMoveOnlyWhatTheySelect() throws Exception {
        deadLetter(6, "java.net.ConnectException", 0);
        deadLetter(4, "java.lang.IllegalArgumentException", 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting(deadLetters) == 10);

        RedriveReport byFilter = redrive("edakit_failure_exception LIKE '%ConnectException' AND edakit_failure_attempts > 3",
                Set.of(), Long.MAX_VALUE, 0, false);
        assertThat(byFilter.moved()).isEqualTo(6);
        assertThat(byFilter.notSelected()).isEqualTo(4);

        RedriveReport byIds = redrive(null, Set.of("java.lang.IllegalArgumentException-0-1", "no-such-id"),
                Long.MAX_VALUE, 0, false);
        assertThat(byIds.moved()).isEqualTo(1);
        assertThat(byIds.notSelected()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting(channel) == 7 && waiting(deadLetters) == 3);
    }

    @Test
    void dryRunMovesNothingAndMaxStopsEarly() throws Exception {
        deadLetter(10, "java.net.ConnectException", 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting(deadLetters) == 10);
        RedriveReport dry = redrive(null, Set.of(), Long.MAX_VALUE, 0, true);
        assertThat(dry.moved()).isEqualTo(10);
        assertThat(dry.dryRun()).isTrue();
        assertThat(waiting(deadLetters)).isEqualTo(10);
        assertThat(waiting(channel)).isZero();

        RedriveReport limited = redrive(null, Set.of(), 4, 0, false);
        assertThat(limited.moved()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting(channel) == 4 && waiting(deadLetters) == 6);
    }

    @Test
    void messagesAtTheRedriveLimitStayAndTheRateIsHonoured() throws Exception {
        deadLetter(3, "java.net.ConnectException", 3); // already sent back three times: the limit
        deadLetter(10, "java.net.ConnectException", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting(deadLetters) == 13);
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        RedriveReport report = new Redriver(recordingArrivals(arrivals)).redrive(
                RedriveRequest.of(deadLetters, 3).withRate(10));
        assertThat(report.moved()).isEqualTo(10);
        assertThat(report.atRedriveLimit()).isEqualTo(3);
        // 10 messages at 10/s: the first and the last arrive 9 intervals of 100 ms apart; allow 20% for timer
        // granularity. Unlimited, the ten arrive within 0.2-0.3 s (measured here, on a loaded machine).
        assertThat(arrivals).hasSize(10);
        double seconds = (Collections.max(arrivals) - Collections.min(arrivals)) / 1e9;
        assertThat(seconds).isGreaterThan(9 * 0.1 * 0.8);
        await().atMost(Duration.ofSeconds(20)).until(() -> waiting(channel) == 10 && waiting(deadLetters) == 3);
        assertThat(admin.peek(channel, 100)).hasSize(10).allSatisfy(
                message -> assertThat(message.headers()).containsEntry(FailureHeaders.REDRIVE_COUNT, "2"));
    }
}
