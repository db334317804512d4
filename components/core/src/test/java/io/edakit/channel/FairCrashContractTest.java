package io.edakit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.edakit.fairness.FairnessPolicy;
import io.edakit.testing.ChildJvms;
import io.edakit.testing.PlainClient;
import io.edakit.transport.ChannelTransport;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer JVM of a fair channel killed while several tenants are backlogged, counted from
 * outside: the broker runs in this JVM, the consumers ({@link FairCrashConsumer}) in child JVMs,
 * killed with {@link Process#destroyForcibly}. Every message sent is afterwards either handled
 * (printed by a child) or in the dead-letter channel, and a message seen twice is one the killed
 * JVM had handled without its acknowledgement reaching the broker, or a foreign producer's message
 * whose forwarding hop the kill cut between the lane copy and the original's acknowledgement.
 *
 * <p>Tenants: A floods {@value #FLOOD}; B, C, D send {@value #QUIET} each through the fair
 * producer (before the one consumer starts; with two, once both run); F sends {@value #QUIET} through a plain client to the
 * channel itself (forwarded to its lane by the consumers) while the first consumers run.
 */
abstract class FairCrashContractTest {

    static final int FLOOD = 4_000;
    static final int QUIET = 200;
    private static final List<String> QUIET_TENANTS = List.of("B", "C", "D", "F");
    private static final AtomicInteger CHANNELS = new AtomicInteger();

    @TempDir
    Path dataDir;

    private DefaultCamelContext context;
    private final List<Process> children = new ArrayList<>();
    private final ConcurrentLinkedQueue<Handled> handled = new ConcurrentLinkedQueue<>();

    /** The transport of this JVM, where the broker lives. */
    protected abstract Properties transportProperties(Path dataDir);

    /** Settings for a child consumer, reaching the broker of {@code transport}. */
    protected abstract Map<String, String> childSettings(ChannelTransport transport, int child);

    protected abstract PlainClient plainClient(ChannelTransport transport);

    /** Messages the killed JVM may have held unacknowledged per receiver: its window plus what the transport commits lazily. */
    protected abstract int maxUncommitted();

    private record Handled(int child, String tenant, int seq, long atNanos) {
        String id() {
            return tenant + " " + seq;
        }
    }

    @BeforeEach
    void startBroker() {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(transportProperties(dataDir));
        context.start();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        // the survivors end cleanly, closing their connections: the broker here then stops without
        // waiting for clients it still counts (a killed one's connection lingers until its TTL)
        for (Process child : children) {
            child.destroy();
        }
        for (Process child : children) {
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                child.waitFor(20, TimeUnit.SECONDS);
            }
        }
        context.stop();
    }

    @Test
    void aConsumerKilledMidBurstLosesNothingAndTheNextOneDrains() throws Exception {
        String channel = "fair-crash-" + CHANNELS.incrementAndGet() + "-" + System.nanoTime();
        Set<String> sent = sendBacklog(channel);
        Process first = child(channel, 1);
        sendForeign(channel, sent);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(1) >= 1_000);
        kill(first);
        child(channel, 2);
        List<String> dead = awaitAccounted(channel, sent);
        assertAccounted(sent, dead, 1);
        assertThat(count(2)).as("the new consumer drained the rest").isPositive();
    }

    @Test
    void twoInstancesShareTheLanesFairlyAndOneKilledLosesNothing() throws Exception {
        String channel = "fair-crash-" + CHANNELS.incrementAndGet() + "-" + System.nanoTime();
        List<Process> both = children(channel, false, 1, 2);
        // sent while both read every lane and neither handles yet: the broker shares each lane between them
        Set<String> sent = sendBacklog(channel);
        sendForeign(channel, sent);
        both.forEach(FairCrashContractTest::go);
        // fair across both instances: every quiet tenant is through while A's flood is still backlogged
        Set<String> quiet = sent.stream().filter(id -> !id.startsWith("A ") && !poison(id)).collect(Collectors.toSet());
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> ids().containsAll(quiet) && count(1) >= 100 && count(2) >= 100);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Set<String> missing = new HashSet<>(quiet);
            missing.removeAll(ids());
            throw new AssertionError("after 60 s: " + missing.size() + " of the quiet tenants' " + quiet.size()
                    + " messages not handled, handled by child: " + handled.stream().collect(Collectors.groupingBy(
                    Handled::child, Collectors.counting())) + " (each should have 100 or more)", e);
        }
        long floodLeft = sent.stream().filter(id -> id.startsWith("A ") && !poison(id)).count()
                - ids().stream().filter(id -> id.startsWith("A ")).count();
        kill(both.get(0));
        assertThat(floodLeft).as("A's flood still backlogged when the quiet tenants were through").isGreaterThan(FLOOD / 10);
        List<String> dead = awaitAccounted(channel, sent);
        assertAccounted(sent, dead, 1);
    }

    private Set<String> ids() {
        return handled.stream().map(Handled::id).collect(Collectors.toSet());
    }

    /** A's flood and the quiet tenants' messages, all on the broker before any consumer starts. */
    private Set<String> sendBacklog(String channel) throws Exception {
        Set<String> sent = new HashSet<>();
        ProducerTemplate producer = context.createProducerTemplate();
        List<Future<?>> pending = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>(Map.of("A", FLOOD, "B", QUIET, "C", QUIET, "D", QUIET));
        for (Map.Entry<String, Integer> tenant : counts.entrySet()) {
            for (int i = 0; i < tenant.getValue(); i++) {
                int seq = i;
                pending.add(producer.asyncSend("channel:" + channel + "?" + FairCrashConsumer.KEY, e -> {
                    e.getIn().setBody("m");
                    e.getIn().setHeader("tenant", tenant.getKey());
                    e.getIn().setHeader("seq", seq);
                }));
                sent.add(tenant.getKey() + " " + i);
                if (pending.size() == 200) { // the template's executor queues a thousand at most
                    awaitSent(pending);
                }
            }
        }
        awaitSent(pending);
        return sent;
    }

    /**
     * F's messages, from a plain client to the channel itself, once a consumer runs: its forwarder's
     * receiver creates the channel's queue (Artemis drops what is sent to an address without one).
     */
    private void sendForeign(String channel, Set<String> sent) {
        try (PlainClient plain = plainClient(transport())) {
            for (int i = 0; i < QUIET; i++) {
                plain.sendText(channel, "f", Map.of("tenant", "F", "seq", Integer.toString(i)), null);
                sent.add("F " + i);
            }
        }
    }

    private static void awaitSent(List<Future<?>> pending) throws Exception {
        for (Future<?> f : pending) {
            assertThat(((org.apache.camel.Exchange) f.get(60, TimeUnit.SECONDS)).getException()).isNull();
        }
        pending.clear();
    }

    private ChannelTransport transport() {
        return context.getComponent("channel", ChannelComponent.class).transport();
    }

    private Process child(String channel, int n) throws Exception {
        return children(channel, true, n).get(0);
    }

    /**
     * Starts consumers {@code ns} in child JVMs at once, and waits until each one's route runs;
     * {@code go}: let them handle at once, else at {@link #go}.
     */
    private List<Process> children(String channel, boolean go, int... ns) throws Exception {
        List<Process> started = new ArrayList<>();
        List<java.util.concurrent.CountDownLatch> ready = new ArrayList<>();
        for (int n : ns) {
            List<String> command = new ArrayList<>(ChildJvms.command(List.of("-Xmx256m"), FairCrashConsumer.class.getName(),
                    channel));
            childSettings(transport(), n).forEach((k, v) -> command.add(k + "=" + v));
            Process process = new ProcessBuilder(command)
                    .redirectError(Path.of("target", channel + "-child-" + n + ".err").toFile()).start();
            children.add(process);
            started.add(process);
            ready.add(read(process, n));
        }
        for (int i = 0; i < ns.length; i++) {
            assertThat(ready.get(i).await(120, TimeUnit.SECONDS)).as("child %d started (see target/%s-child-%d.err)",
                    ns[i], channel, ns[i]).isTrue();
            if (go) {
                go(started.get(i));
            }
        }
        return started;
    }

    /** Lets a child's handler start. */
    private static void go(Process child) {
        try {
            child.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            child.getOutputStream().flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads what child {@code n} prints; the latch opens when it says it is ready. */
    private java.util.concurrent.CountDownLatch read(Process process, int n) {
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("ready")) {
                        ready.countDown();
                    } else if (line.startsWith("handled ")) {
                        String[] parts = line.split(" ");
                        handled.add(new Handled(n, parts[1], Integer.parseInt(parts[2]), System.nanoTime()));
                    }
                }
            } catch (IOException e) {
                // killed: what it printed is counted
            }
        }, "child-" + n + "-out");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    private static void kill(Process child) throws InterruptedException {
        child.destroyForcibly();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private long count(int child) {
        return handled.stream().filter(h -> h.child == child).count();
    }

    /**
     * Waits until every message sent but the poison ones is handled, then reads the dead letters
     * (as many as were poison, then a second look for repeats); returns their ids, with repeats.
     */
    private List<String> awaitAccounted(String channel, Set<String> sent) {
        Set<String> healthy = sent.stream().filter(id -> !poison(id)).collect(Collectors.toSet());
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ids().containsAll(healthy));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Set<String> missing = new HashSet<>(healthy);
            handled.forEach(h -> missing.remove(h.id()));
            throw new AssertionError("not handled: " + missing.stream().collect(Collectors.groupingBy(
                    id -> id.split(" ")[0], java.util.TreeMap::new, Collectors.counting())) + ", handled by child: "
                    + handled.stream().collect(Collectors.groupingBy(Handled::child, Collectors.counting())), e);
        }
        List<String> dead = new ArrayList<>();
        try (PlainClient plain = plainClient(transport())) {
            plain.take(channel + "-dlq", sent.size() - healthy.size(), Duration.ofSeconds(30))
                    .forEach(m -> dead.add(m.headers().get("tenant") + " " + m.headers().get("seq")));
            plain.take(channel + "-dlq", 1_000, Duration.ofSeconds(2))
                    .forEach(m -> dead.add(m.headers().get("tenant") + " " + m.headers().get("seq")));
        }
        return dead;
    }

    private static boolean poison(String id) {
        return Integer.parseInt(id.split(" ")[1]) % FairCrashConsumer.POISON_EVERY == 0;
    }

    private void assertAccounted(Set<String> sent, List<String> dead, int killed) {
        Set<String> poison = sent.stream().filter(FairCrashContractTest::poison).collect(Collectors.toSet());
        List<Handled> all = List.copyOf(handled);
        Set<String> handledOnce = all.stream().map(Handled::id).collect(Collectors.toSet());
        Set<String> deadOnce = new HashSet<>(dead);
        assertThat(deadOnce).as("exactly the poison messages are dead-lettered").isEqualTo(poison);
        assertThat(handledOnce).as("every other message handled").hasSize(sent.size() - poison.size())
                .doesNotContainAnyElementsOf(poison);
        assertThat(handledOnce.size() + deadOnce.size()).as("delivered + dead-lettered = sent").isEqualTo(sent.size());
        // a repeat: one the killed JVM handled and could not acknowledge, or a forwarded one (the hop's own duplicate)
        Map<String, List<Handled>> byId = all.stream().collect(Collectors.groupingBy(Handled::id));
        int repeats = all.size() - handledOnce.size() + dead.size() - deadOnce.size();
        byId.forEach((id, seen) -> {
            if (seen.size() > 1 && !id.startsWith("F ")) {
                assertThat(seen).as("handled twice: %s", id).anyMatch(h -> h.child == killed);
                assertThat(seen.stream().filter(h -> h.child != killed).count()).as("handled twice by a live consumer: %s", id)
                        .isEqualTo(1);
            }
        });
        int bound = (FairnessPolicy.DEFAULT_LANES + 1) * maxUncommitted();
        System.out.printf("FAIRCRASH %s: %d sent, %d handled (%d by the killed JVM), %d dead-lettered, %d repeats (bound %d)%n",
                getClass().getSimpleName(), sent.size(), handledOnce.size(), count(killed), deadOnce.size(), repeats, bound);
        assertThat(repeats).isLessThanOrEqualTo(bound);
    }
}
