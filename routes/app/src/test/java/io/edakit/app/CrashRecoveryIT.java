package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.edakit.broker.kafka.SharedKafkaBroker;
import io.edakit.testing.FatJar;
import io.edakit.testing.FreePorts;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import io.edakit.transport.artemis.ArtemisTransport;
import io.edakit.transport.kafka.KafkaReceiver;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery after a SIGKILL, counted by outside clients: the fat jar runs in a child JVM, is killed
 * while it consumes at full speed, and is started again on the same state. Messages are sent by a
 * plain client (kafka-clients, a JMS producer) and everything the child produced is read back by a
 * plain client too; on Artemis the child embeds the broker, so the kill takes the broker down with it.
 *
 * <p>Two template instances run in the child at once:
 * <ul>
 * <li>{@code relay} (point-to-point, max-in-flight 64) copies {@code crash.in} to {@code crash.out};
 *     one message in {@value #POISON_EVERY} fails and is dead-lettered, one in {@value #SLOW_EVERY}
 *     takes 1.5 s (as one being retried would: on Kafka it holds its partition's commit point while
 *     the records after it are handled). After the restart every message is in exactly one of the
 *     two, and the copies made twice (handled again) stay within the documented bound,
 *     max-in-flight plus what a receiver may hold accepted but unconfirmed
 *     ({@link ArtemisTransport#MAX_UNCOMMITTED}, {@link KafkaReceiver#MAX_UNCOMMITTED}).</li>
 * <li>{@code effects} (idempotent-consumer) calls an HTTP endpoint of this JVM per message; the
 *     endpoint answers the first {@value #EFFECTS_BEFORE_KILL} calls and holds the rest, so the
 *     kill leaves claims in flight. The restarted instance takes over its dead claims at once
 *     instead of waiting out their two-minute lease, and every message has its effect once.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CrashRecoveryIT {

    static final int RELAYED = 20_000;
    static final int POISON_EVERY = 97;
    static final int SLOW_EVERY = 501;
    static final int MAX_IN_FLIGHT = 64;
    static final int EFFECTS = 1_000;
    static final int EFFECTS_BEFORE_KILL = 300;
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Pattern METRIC = Pattern.compile(
            "edakit_messages_total\\{outcome=\"([a-z-]+)\",route=\"([a-z]+)\",template=\"[a-z-]+\"} ([0-9.E]+)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure leaves the children's logs to read
    Path dir;

    @Test
    void artemisKilledWithItsBroker() throws Exception {
        int brokerPort = FreePorts.next();
        String password = "crash-secret";
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.broker.port", String.valueOf(brokerPort));
        config.put("edakit.broker.data-dir", dir.resolve("broker").toString());
        config.put("edakit.broker.password", password);
        config.put("edakit.idempotency.store", "jdbc");
        config.put("edakit.idempotency.jdbc-url", "jdbc:h2:file:" + dir.resolve("idempotency").toAbsolutePath()
                + ";AUTO_SERVER=TRUE");
        try (OutsideClient.Jms jms = new OutsideClient.Jms("tcp://127.0.0.1:" + brokerPort, password)) {
            run(config, "", jms, ArtemisTransport.MAX_UNCOMMITTED);
        }
    }

    @Test
    void kafkaConsumerKilled() throws Exception {
        String suffix = "-" + System.nanoTime();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.transport", "kafka");
        config.put("edakit.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers());
        config.put("edakit.kafka.partitions", "4");
        config.put("edakit.instance-id", "crash" + suffix);
        config.put("edakit.idempotency.store", "kafka");
        try (OutsideClient.Kafka kafka = new OutsideClient.Kafka(SharedKafkaBroker.bootstrapServers())) {
            kafka.createTopics(4, "crash.in" + suffix, "crash.idem" + suffix);
            run(config, suffix, kafka, KafkaReceiver.MAX_UNCOMMITTED);
        }
    }

    /** @param maxUncommitted what the transport's receivers hold accepted but not yet confirmed, at most */
    private void run(Map<String, String> transport, String suffix, OutsideClient outside, int maxUncommitted)
            throws Exception {
        String in = "crash.in" + suffix;
        String out = "crash.out" + suffix;
        String idem = "crash.idem" + suffix;
        try (HeldEffects effects = new HeldEffects(EFFECTS_BEFORE_KILL)) {
            int httpPort = FreePorts.next();
            Path config = config(transport, httpPort, in, out, idem, effects.url());
            String base = "http://127.0.0.1:" + httpPort;

            Process first = start(config, "first.log", base);
            List<String> relayIds = outside.send(in, "r-", RELAYED, CrashRecoveryIT::relayHeaders);
            List<String> effectIds = outside.send(idem, "e-", EFFECTS, n -> Map.of());
            // killed at full speed, while the effect endpoint holds the idempotent consumer's calls
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> settled(base, "relay") >= RELAYED / 3 && effects.held() >= 4);
            long settledBeforeKill = settled(base, "relay");
            first.destroyForcibly();
            long killed = System.nanoTime();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            effects.dropHeld(); // their caller is dead: no effect
            assertThat(settledBeforeKill).as("killed while consuming").isLessThan(RELAYED);

            Process second = start(config, "second.log", base);
            long restarted = System.nanoTime();
            try {
                awaitLogged("second.log", () -> effects.heldDoneAtNanos().isPresent());
                Duration heldDone = Duration.ofNanos(effects.heldDoneAtNanos().orElseThrow() - restarted);
                awaitLogged("second.log", () -> effects.effected().size() >= EFFECTS);
                List<String> copied = outside.read(out);
                List<String> deadLettered = outside.read(in + ".dlq");
                awaitLogged("second.log", () -> {
                    copied.clear();
                    copied.addAll(outside.read(out));
                    deadLettered.clear();
                    deadLettered.addAll(outside.read(in + ".dlq"));
                    return new HashSet<>(copied).size() + new HashSet<>(deadLettered).size() >= RELAYED;
                });

                Set<String> poison = new HashSet<>();
                relayIds.stream().filter(id -> Integer.parseInt(id.substring(2)) % POISON_EVERY == 0).forEach(poison::add);
                Set<String> copiedOnce = new HashSet<>(copied);
                Set<String> deadOnce = new HashSet<>(deadLettered);
                assertThat(deadOnce).as("exactly the poison messages are dead-lettered").isEqualTo(poison);
                assertThat(copiedOnce).as("nothing lost").hasSize(RELAYED - poison.size())
                        .doesNotContainAnyElementsOf(poison);
                int handledAgain = copied.size() - copiedOnce.size() + deadLettered.size() - deadOnce.size();
                System.out.printf("crash recovery (%s): %d of %d settled before the kill, %d handled again "
                                + "(bound %d); restarted %d ms after the kill; the %d calls in flight at the kill had "
                                + "their effect %d ms after the restart%n",
                        outside.name(), settledBeforeKill, RELAYED, handledAgain, MAX_IN_FLIGHT + maxUncommitted,
                        TimeUnit.NANOSECONDS.toMillis(restarted - killed), effects.heldIds().size(), heldDone.toMillis());
                assertThat(handledAgain).as("handled again: at most those in processing and those not yet committed")
                        .isLessThanOrEqualTo(MAX_IN_FLIGHT + maxUncommitted);

                assertThat(effects.effected()).as("each effect once").hasSize(EFFECTS)
                        .containsExactlyInAnyOrderElementsOf(effectIds);
                assertThat(heldDone).as("dead claims taken over within seconds, not after their two-minute lease")
                        .isLessThan(Duration.ofSeconds(30));
            } finally {
                second.destroy();
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** Every POISON_EVERY-th message fails for good; every SLOW_EVERY-th takes long (as a retried one would). */
    private static Map<String, String> relayHeaders(int n) {
        return n % POISON_EVERY == 0 ? Map.of("poison", "true") : n % SLOW_EVERY == 0 ? Map.of("slow", "true") : Map.of();
    }

    private Path config(Map<String, String> transport, int httpPort, String in, String out, String idem,
                        String effectUrl) throws IOException {
        Path handler = dir.resolve("relay.yaml");
        Files.writeString(handler, """
                - errorHandler:
                    noErrorHandler: {}
                - route:
                    from:
                      uri: direct:relay
                      steps:
                        - choice:
                            when:
                              - simple: "${header.poison} == 'true'"
                                steps:
                                  - throwException:
                                      exceptionType: java.lang.IllegalStateException
                                      message: poisoned
                              - simple: "${header.slow} == 'true'"
                                steps:
                                  - delay:
                                      constant: 1500
                                  - to: channel:%1$s
                            otherwise:
                              steps:
                                - to: channel:%1$s
                """.formatted(out));
        Map<String, String> config = new LinkedHashMap<>(transport);
        config.put("camel.server.port", String.valueOf(httpPort));
        config.put("camel.management.port", String.valueOf(httpPort));
        config.put("camel.main.routes-include-pattern", "file:" + handler.toAbsolutePath());
        config.put("camel.route-template[relay].template-id", "point-to-point");
        config.put("camel.route-template[relay].channel", in);
        config.put("camel.route-template[relay].handler", "direct:relay");
        config.put("camel.route-template[relay].concurrent-consumers", "4");
        config.put("camel.route-template[relay].max-in-flight", String.valueOf(MAX_IN_FLIGHT));
        config.put("camel.route-template[relay].max-redeliveries", "1");
        config.put("camel.route-template[relay].redelivery-delay", "10");
        config.put("camel.route-template[effects].template-id", "idempotent-consumer");
        config.put("camel.route-template[effects].channel", idem);
        config.put("camel.route-template[effects].handler", effectUrl);
        config.put("camel.route-template[effects].concurrent-consumers", "4");
        return TestApp.writeProperties(dir.resolve("crash.properties"), config);
    }

    private Process start(Path config, String log, String base) throws IOException {
        Process process = FatJar.start(dir, dir.resolve(log), "run", "--config", config.toString());
        awaitLogged(log, () -> HttpCalls.get(base + "/observe/health/ready").statusCode() == 200);
        return process;
    }

    /** Waits for {@code condition}; on timeout fails with the end of the child's log. */
    private void awaitLogged(String log, java.util.concurrent.Callable<Boolean> condition) throws IOException {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            String output = Files.readString(dir.resolve(log));
            throw new AssertionError("--- " + log + " (end) ---\n" + output.substring(Math.max(0, output.length() - 8000)), e);
        }
    }

    /** Messages of template instance {@code route} that left it: completed or dead-lettered. */
    private static long settled(String base, String route) {
        Matcher metric = METRIC.matcher(HttpCalls.get(base + "/observe/metrics").body());
        double total = 0;
        while (metric.find()) {
            if (metric.group(2).equals(route)
                    && (metric.group(1).equals("completed") || metric.group(1).equals("dead-lettered"))) {
                total += Double.parseDouble(metric.group(3));
            }
        }
        return (long) total;
    }
}
