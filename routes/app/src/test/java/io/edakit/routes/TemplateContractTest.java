package io.edakit.routes;

import static io.edakit.testing.TestApp.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.edakit.app.cli.EdakitCli;
import io.edakit.operator.dlq.DeadLetterOperations;
import io.edakit.channel.ChannelComponent;
import io.edakit.channel.ChannelHeaders;
import io.edakit.deadletter.FailureHeaders;
import io.edakit.failure.PoisonMessageException;
import io.edakit.testing.ChannelClient;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.LogCapture;
import io.edakit.testing.PlainClient;
import io.edakit.testing.TestApp;
import io.edakit.testing.TransportFixture;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/**
 * The behaviour every template promises, checked end to end on one transport: one application
 * runs every template instance (started once for all methods), and an independent client talks
 * to its broker from outside, like another process. Subclasses only pick the transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TemplateContractTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);

    private final Map<String, AtomicInteger> flakyAttempts = new ConcurrentHashMap<>();
    private final List<String> flakyDone = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> flakyDeliveryCounts = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> pickyAttempts = new ConcurrentHashMap<>();
    private final List<String> pickyDelivered = java.util.Collections.synchronizedList(new ArrayList<>());

    private final List<String> repaired = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean repairableBroken = true;

    private static final String BUS_RULES = """
            rules:
              - name: physical-orders
                pattern: { type: [order.created], kind: [physical] }
                targets: [c.bus.warehouse, c.bus.audit]
              - name: all-orders
                pattern: { type: [{ prefix: "order." }] }
                targets: [c.bus.audit, "direct:bus-flaky"]
              - name: digital-orders
                pattern: { type: [order.created], kind: [digital] }
                targets: [c.bus.downloads]
            unmatched: drop
            """;

    /** The channels the independent client listens on. */
    private static final List<String> LISTENED = List.of("c.p2p.out", "c.ordered.out", "c.limited.out",
            "c.ingress.out", "c.picky.in.dlq", "c.bus.warehouse", "c.bus.audit", "c.bus.downloads", "c.bus.payments",
            "c.bus.dlq", "c.router.bigco", "c.router.digital", "c.router.physical", "c.router.unrouted", "c.valid.out",
            "c.valid.out.dlq", "c.dedup.out", "c.fresh.out", "c.p2pdedup.out", "c.busdedup.out", "c.busdedup.dlq");

    private final List<String> busFlakyReceived = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> plainAudited = java.util.Collections.synchronizedList(new ArrayList<>());
    private Path rulesFile;
    private Path workDir;
    private TransportFixture transport;
    private TestApp app;
    private ChannelClient client;
    private PlainClient plain;
    private String instanceId;

    protected abstract TransportFixture createTransport() throws Exception;

    /** Template instances only this transport's own tests use; none by default. */
    protected void addTransportInstances(Map<String, String> config) {
    }

    /** The plain client of the application's broker (see {@link TransportFixture#plainClient()}). */
    protected PlainClient plain() {
        return plain;
    }

    @BeforeAll
    void startApplicationAndClient() throws Exception {
        workDir = Files.createTempDirectory("edakit-contract-");
        transport = createTransport();
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        config.put("edakit.schema.directory", Path.of("..", "config", "schemas").toAbsolutePath().normalize().toString());
        config.putIfAbsent("edakit.instance-id", "contract-app");
        instanceId = config.get("edakit.instance-id");
        instance(config, "validated", "ingress", Map.of("from", "platform-http:/c/validated", "channel", "c.valid.out",
                "source", "/contract", "unknown-type", "reject"));
        instance(config, "p2p", "point-to-point", Map.of("channel", "c.p2p.in", "handler", "channel:c.p2p.out",
                "concurrent-consumers", "4"));
        instance(config, "ordered", "point-to-point", Map.of("channel", "c.ordered.in",
                "handler", "channel:c.ordered.out", "concurrent-consumers", "4"));
        instance(config, "limited", "point-to-point", Map.of("channel", "c.limited.in",
                "handler", "channel:c.limited.out", "rate-limit", "40"));
        instance(config, "flaky", "point-to-point", Map.of("channel", "c.flaky.in", "handler", "direct:flaky",
                "concurrent-consumers", "2", "redelivery-delay", "20"));
        instance(config, "picky", "point-to-point", Map.of("channel", "c.picky.in", "handler", "direct:picky",
                "concurrent-consumers", "4", "max-redeliveries", "3", "redelivery-delay", "100",
                "backoff-multiplier", "2", "jitter", "0"));
        instance(config, "repairable", "point-to-point", Map.of("channel", "c.repair.in", "handler", "direct:repairable",
                "max-redeliveries", "0"));
        rulesFile = workDir.resolve("bus-rules.yaml");
        Files.writeString(rulesFile, BUS_RULES);
        instance(config, "bus", "event-bus", Map.of("channel", "c.bus", "rules-file", rulesFile.toString(),
                "reload-interval", "200", "max-redeliveries", "1", "redelivery-delay", "10"));
        instance(config, "router", "sender-router", Map.of("from", "direct:c-router",
                "rules", "${header.ce_tenant} == 'bigco' -> c.router.bigco; "
                        + "jsonpath:$[?(@.kind == 'digital')] -> c.router.digital\n${header.kind} == 'physical' -> c.router.physical",
                "dead-letter-channel", "c.router.unrouted", "source", "/shop"));
        instance(config, "router-drop", "sender-router", Map.of("from", "direct:c-router-drop",
                "rules", "${header.kind} == 'physical' -> c.router.physical", "unmatched", "drop"));
        Path dedupRules = workDir.resolve("bus-dedup-rules.yaml");
        Files.writeString(dedupRules, """
                rules:
                  - name: everything-typed
                    pattern: { type: [{ exists: true }] }
                    targets: [c.busdedup.out]
                unmatched: drop
                """);
        instance(config, "bus-dedup", "event-bus", Map.of("channel", "c.busdedup", "rules-file", dedupRules.toString(),
                "idempotent", "true"));
        instance(config, "ingress", "ingress", Map.of("from", "platform-http:/c/orders", "channel", "c.ingress.out",
                "source", "/contract", "type", "order.created", "keep-headers", "tenant", "schema-validation", "false"));
        instance(config, "quotes", "request-reply", Map.of("from", "platform-http:/c/quote", "channel", "c.quotes",
                "timeout", "1000"));
        instance(config, "quote-responder", "responder", Map.of("channel", "c.quotes", "handler", "direct:quote"));
        instance(config, "p2p-dedup", "point-to-point", Map.of("channel", "c.p2pdedup.in",
                "handler", "channel:c.p2pdedup.out", "idempotent", "true", "window", "10m"));
        instance(config, "dedup", "idempotent-consumer", Map.of("channel", "c.dedup.in", "handler", "channel:c.dedup.out",
                "concurrent-consumers", "4", "window", "10m"));
        instance(config, "fresh", "idempotent-consumer", Map.of("channel", "c.fresh.in", "handler", "channel:c.fresh.out",
                "ordering", "skip", "ordering-position", "${header.sequence}", "ordering-key", "ce_subject",
                "log-duplicates", "true"));
        // read and written by a plain broker client, as an outside application would
        instance(config, "plain", "point-to-point", Map.of("channel", "c.plain.in", "handler", "channel:c.plain.out",
                "concurrent-consumers", "2"));
        instance(config, "plain-audit", "point-to-point", Map.of("channel", "c.plain.in", "group", "audit",
                "handler", "direct:plain-audit"));
        instance(config, "plain-fail", "point-to-point", Map.of("channel", "c.plain.fail", "handler", "direct:plain-fail",
                "max-redeliveries", "0"));
        instance(config, "plain-ingress", "ingress", Map.of("from", "platform-http:/c/plain-orders",
                "channel", "c.plain.ingress", "source", "/contract", "type", "order.created", "keep-headers", "tenant",
                "ordering-key", "${header.customer}", "schema-validation", "false"));
        instance(config, "plain-quotes", "request-reply", Map.of("from", "platform-http:/c/plain-quote",
                "channel", "c.plain.quotes", "timeout", "20000"));
        addTransportInstances(config);
        List<String> channels = new ArrayList<>(LISTENED);
        config.forEach((key, value) -> {
            if (key.endsWith("].channel")) {
                channels.add(value);
            }
        });
        transport.prepareChannels(channels);
        app = TestApp.start(workDir, "contract-app", config, handlers());
        plain = transport.plainClient();
        client = new ChannelClient(transport.clientSettings());
        for (String channel : LISTENED) {
            client.listen(channel, null);
        }
        client.start();
    }

    @AfterAll
    void stopAll() {
        if (plain != null) {
            plain.close();
        }
        if (client != null) {
            client.close();
        }
        if (app != null) {
            app.close();
        }
    }

    /** Handlers the application's template instances call, as an application would define them. */
    private RouteBuilder handlers() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:flaky").process(exchange -> {
                    String body = exchange.getMessage().getBody(String.class);
                    int attempt = flakyAttempts.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
                    if (attempt < 3) {
                        throw new IllegalStateException("transient failure " + attempt + " of " + body);
                    }
                    flakyDeliveryCounts.put(body, exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class));
                    flakyDone.add(body);
                });
                from("direct:picky").process(exchange -> {
                    String body = exchange.getMessage().getBody(String.class);
                    pickyAttempts.computeIfAbsent(body, b -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(System.nanoTime());
                    if (body.startsWith("poison")) {
                        throw new PoisonMessageException("cannot parse " + body);
                    }
                    if (body.startsWith("always")) {
                        throw new IllegalStateException("downstream is down");
                    }
                    if (body.startsWith("transient") && pickyAttempts.get(body).size() < 3) {
                        throw new IllegalStateException("try again");
                    }
                    pickyDelivered.add(body);
                });
                from("direct:repairable").process(exchange -> {
                    if (repairableBroken) {
                        throw new IllegalStateException("downstream rejects " + exchange.getMessage().getBody(String.class));
                    }
                    repaired.add(exchange.getMessage().getBody(String.class));
                });
                from("direct:bus-flaky").process(exchange -> {
                    if ("yes".equals(exchange.getMessage().getHeader("poison"))) {
                        throw new PoisonMessageException("target cannot take " + exchange.getMessage().getBody(String.class));
                    }
                    busFlakyReceived.add(exchange.getMessage().getBody(String.class));
                });
                from("direct:plain-audit").process(exchange -> plainAudited.add(exchange.getMessage().getHeader("ce_id", String.class)));
                from("direct:plain-fail").process(exchange -> {
                    throw new IllegalStateException("cannot take " + exchange.getMessage().getBody(String.class));
                });
                from("direct:quote")
                        .choice()
                        .when(body().isEqualTo("boom")).throwException(new IllegalArgumentException("no quote for boom"))
                        .when(body().isEqualTo("slow")).delay(1600).setBody(constant("too late")).endChoice()
                        .otherwise().setBody(simple("quote:${bodyAs(String)}"));
            }
        };
    }

    @Test
    void pointToPointRelaysEveryMessageExactlyOnce() {
        int sent = 400;
        for (int i = 0; i < sent; i++) {
            client.send("c.p2p.in", "m-" + i, Map.of("tenant", "acme"));
        }
        await().atMost(WAIT).until(() -> client.received("c.p2p.out").size() >= sent);
        assertThat(client.bodies("c.p2p.out")).hasSize(sent).doesNotHaveDuplicates();
        assertThat(client.received("c.p2p.out").get(0).getMessage().getHeader("tenant")).isEqualTo("acme");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("p2p", "completed")).isEqualTo(sent);
            assertThat(count("p2p", "received")).isEqualTo(sent);
        });
        assertThat(count("p2p", "failed") + count("p2p", "dropped")).isZero();
    }

    @Test
    void pointToPointDeduplicatesWhenAskedTo() {
        for (int i = 0; i < 30; i++) {
            client.send("c.p2pdedup.in", "p-" + (i % 20), Map.of("ce_id", "p2p-evt-" + (i % 20)));
        }
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count("p2p-dedup", "completed") + count("p2p-dedup", "dropped")).isEqualTo(30));
        assertThat(client.bodies("c.p2pdedup.out")).hasSize(20).doesNotHaveDuplicates();
        assertThat(count("p2p-dedup", "dropped")).isEqualTo(10);
    }

    @Test
    void eventBusDeduplicatesWhenAskedToAndDeadLettersEventsWithoutAKey() {
        for (int i = 0; i < 15; i++) {
            client.send("c.busdedup", "b-" + (i % 10), Map.of("ce_id", "bus-evt-" + (i % 10), "ce_type", "order.created"));
        }
        client.send("c.busdedup", "no-id", Map.of("ce_type", "order.created"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.bodies("c.busdedup.out")).hasSize(10).doesNotHaveDuplicates();
            assertThat(client.bodies("c.busdedup.dlq")).containsExactly("no-id");
            assertThat(count("bus-dedup", "dropped")).isEqualTo(5);
        });
    }

    @Test
    void idempotentConsumerHandlesEachEventOnceAndDropsStaleOnes() {
        // a stream where every fifth message repeats an earlier event id (20% duplicates)
        int unique = 100;
        int sent = 0;
        for (int i = 0; i < unique; i++) {
            client.send("c.dedup.in", "d-" + i, Map.of("ce_id", "evt-" + i));
            sent++;
            if (i % 4 == 3) {
                int earlier = i - 2;
                client.send("c.dedup.in", "d-" + earlier, Map.of("ce_id", "evt-" + earlier));
                sent++;
            }
        }
        int total = sent;
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("dedup", "received")).isEqualTo(total);
            assertThat(count("dedup", "completed") + count("dedup", "dropped")).isEqualTo(total);
        });
        assertThat(client.bodies("c.dedup.out")).hasSize(unique).doesNotHaveDuplicates();
        assertThat(count("dedup", "completed")).isEqualTo(unique);
        assertThat(count("dedup", "dropped")).isEqualTo(total - unique);
        assertThat(count("dedup", "failed") + count("dedup", "dead-lettered")).isZero();

        // out of order within one subject: 4 arrives after 5, 2 after 3: both are stale
        long[] sequence = {1, 2, 3, 5, 4, 6, 2, 7};
        for (int i = 0; i < sequence.length; i++) {
            client.send("c.fresh.in", "s-" + sequence[i], Map.of("ce_id", "fresh-" + i, "ce_subject", "order-1",
                    "sequence", sequence[i], ChannelHeaders.KEY, "order-1"));
        }
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count("fresh", "completed") + count("fresh", "dropped")).isEqualTo(sequence.length));
        // the handler's sends travel on to the client's own consumer after the events count as completed
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(client.bodies("c.fresh.out")).containsExactly("s-1", "s-2", "s-3", "s-5", "s-6", "s-7"));
        assertThat(count("fresh", "dropped")).isEqualTo(2);
    }

    @Test
    void pointToPointKeepsPerKeyOrderWithConcurrentConsumers() {
        int keys = 6;
        int perKey = 40;
        for (int i = 0; i < keys * perKey; i++) {
            client.send("c.ordered.in", String.valueOf(i), Map.of(ChannelHeaders.KEY, "k" + (i % keys)));
        }
        await().atMost(WAIT).until(() -> client.received("c.ordered.out").size() >= keys * perKey);
        Map<String, List<Integer>> byKey = new HashMap<>();
        synchronized (client.received("c.ordered.out")) {
            for (Exchange exchange : client.received("c.ordered.out")) {
                byKey.computeIfAbsent(exchange.getMessage().getHeader(ChannelHeaders.KEY, String.class), k -> new ArrayList<>())
                        .add(Integer.parseInt(exchange.getMessage().getBody(String.class)));
            }
        }
        assertThat(byKey).hasSize(keys);
        byKey.values().forEach(sequence -> assertThat(sequence).hasSize(perKey).isSorted());
    }

    @Test
    void pointToPointHonoursItsRateLimit() throws Exception {
        int sent = 60;
        // the whole backlog waits on the broker before the consumer reads: without a limiter it would
        // arrive in one burst, so the spread of the arrivals is the limiter's alone (not the sender's)
        app.context().getRouteController().suspendRoute("limited");
        for (int i = 0; i < sent; i++) {
            client.send("c.limited.in", "r-" + i, Map.of());
        }
        app.context().getRouteController().resumeRoute("limited");
        await().atMost(WAIT).until(() -> client.received("c.limited.out").size() >= sent);
        List<Long> arrivals = client.arrivalNanos("c.limited.out");
        double seconds = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
        // 40 msg/s: the first to the last of 60 messages are 59 intervals of 25 ms apart (1.475 s); allow 20%
        // for timer granularity. Unlimited, the backlog relays in a few tens of milliseconds.
        assertThat(seconds).isGreaterThan((sent - 1) / 40.0 * 0.8);
        assertThat(client.bodies("c.limited.out")).hasSize(sent).doesNotHaveDuplicates();
        await().atMost(WAIT).untilAsserted(() -> assertThat(count("limited", "completed")).isEqualTo(sent));
    }

    @Test
    void failingHandlerIsRetriedUntilItSucceeds() {
        int sent = 20;
        for (int i = 0; i < sent; i++) {
            client.send("c.flaky.in", "f-" + i, Map.of());
        }
        await().atMost(WAIT).until(() -> flakyDone.size() >= sent);
        assertThat(flakyDone).hasSize(sent).doesNotHaveDuplicates();
        assertThat(flakyAttempts.values()).allSatisfy(attempts -> assertThat(attempts.get()).isEqualTo(3));
        assertThat(flakyDeliveryCounts.values()).containsOnly(2); // two retries before success
        await().atMost(WAIT).untilAsserted(() -> assertThat(count("flaky", "completed")).isEqualTo(sent));
        assertThat(count("flaky", "failed") + count("flaky", "dead-lettered")).isZero();
    }

    @Test
    void poisonAndExhaustedMessagesAreDeadLetteredWithTheirReasonAndNothingIsLost() {
        int poison = 5;
        int exhausted = 3;
        int transientFailures = 6;
        int healthy = 30;
        List<String> bodies = new ArrayList<>();
        IntStream.range(0, poison).forEach(i -> bodies.add("poison-" + i));
        IntStream.range(0, exhausted).forEach(i -> bodies.add("always-" + i));
        IntStream.range(0, transientFailures).forEach(i -> bodies.add("transient-" + i));
        IntStream.range(0, healthy).forEach(i -> bodies.add("ok-" + i));
        java.util.Collections.shuffle(bodies, new java.util.Random(7));
        bodies.forEach(body -> client.send("c.picky.in", body, Map.of("tenant", "acme")));
        int sent = bodies.size();

        await().atMost(WAIT).until(() -> pickyDelivered.size() + client.received("c.picky.in.dlq").size() >= sent);
        // delivered + dead-lettered = sent, each exactly once
        assertThat(pickyDelivered).hasSize(healthy + transientFailures).doesNotHaveDuplicates();
        assertThat(client.bodies("c.picky.in.dlq")).hasSize(poison + exhausted).doesNotHaveDuplicates()
                .allSatisfy(body -> assertThat(body).matches("(poison|always)-\\d+"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("picky", "completed")).isEqualTo(healthy + transientFailures);
            assertThat(count("picky", "dead-lettered")).isEqualTo(poison + exhausted);
        });

        synchronized (client.received("c.picky.in.dlq")) {
            for (Exchange dead : client.received("c.picky.in.dlq")) {
                Map<String, Object> headers = dead.getMessage().getHeaders();
                String body = dead.getMessage().getBody(String.class);
                assertThat(headers).containsEntry("tenant", "acme")
                        .containsEntry(FailureHeaders.CHANNEL, "c.picky.in")
                        .containsEntry(FailureHeaders.ROUTE, "picky")
                        .containsKeys(FailureHeaders.FIRST_FAILURE, FailureHeaders.LAST_FAILURE, FailureHeaders.INSTANCE);
                if (body.startsWith("poison")) {
                    assertThat(headers).containsEntry(FailureHeaders.EXCEPTION, PoisonMessageException.class.getName())
                            .containsEntry(FailureHeaders.MESSAGE, "cannot parse " + body)
                            .containsEntry(FailureHeaders.ATTEMPTS, "1");
                    assertThat(pickyAttempts.get(body)).hasSize(1); // never retried
                } else {
                    assertThat(pickyAttempts.get(body)).hasSize(4); // the first attempt and three retries
                    assertThat(headers).containsEntry(FailureHeaders.EXCEPTION, IllegalStateException.class.getName())
                            .containsEntry(FailureHeaders.ATTEMPTS, "4");
                }
            }
        }
        // backoff: 100 ms, then 200 ms (multiplier 2, no jitter) between the attempts of a transient failure
        pickyAttempts.entrySet().stream().filter(e -> e.getKey().startsWith("transient")).forEach(e -> {
            List<Long> times = e.getValue();
            assertThat(times).hasSize(3);
            assertThat((times.get(1) - times.get(0)) / 1_000_000).isBetween(90L, 1_000L);
            assertThat((times.get(2) - times.get(1)) / 1_000_000).isBetween(180L, 1_500L);
        });
    }

    @Test
    void ingressStampsTheEnvelopeAndAnswersOnceTheEventIsSafe() {
        HttpResponse<String> response = HttpCalls.post(app.baseUrl() + "/c/orders", "{\"orderId\": 7}");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"channel\":\"c.ingress.out\"").contains("\"id\":\"");
        await().atMost(WAIT).until(() -> client.received("c.ingress.out").size() == 1);
        Map<String, Object> headers = client.received("c.ingress.out").get(0).getMessage().getHeaders();
        assertThat(headers).containsEntry("ce_source", "/contract").containsEntry("ce_type", "order.created")
                .containsEntry("ce_specversion", "1.0").containsEntry("ce_datacontenttype", "text/plain")
                .containsEntry("tenant", "acme").containsKeys("ce_id", "ce_time")
                .doesNotContainKey("x-secret-internal");
        assertThat(response.body()).contains(headers.get("ce_id").toString());
        assertThat(client.bodies("c.ingress.out")).containsExactly("{\"orderId\": 7}");
    }

    @Test
    void requestReplyAnswersTimesOutAndReportsHandlerFailures() {
        HttpResponse<String> ok = HttpCalls.post(app.baseUrl() + "/c/quote", "ACME");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("quote:ACME");

        HttpResponse<String> failed = HttpCalls.post(app.baseUrl() + "/c/quote", "boom");
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.body()).contains("\"error\":\"handler-failed\"").contains("no quote for boom");

        long lateBefore = channelComponent().lateReplies();
        HttpResponse<String> slow = HttpCalls.post(app.baseUrl() + "/c/quote", "slow");
        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(slow.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(slow.body()).contains("\"error\":\"timeout\"").contains("\"channel\":\"c.quotes\"");
        // the reply still arrives, later: it is counted and discarded, never handed to another caller
        await().atMost(WAIT).until(() -> channelComponent().lateReplies() == lateBefore + 1);
    }

    @Test
    void twoRequesterInstancesEachGetOnlyTheirOwnReplies() throws Exception {
        Map<String, String> second = new LinkedHashMap<>(transport.clientSettings());
        instance(second, "quotes", "request-reply", Map.of("from", "platform-http:/c/quote", "channel", "c.quotes",
                "timeout", "5000"));
        try (TestApp other = TestApp.start(workDir, "second-requester", second)) {
            List<CompletableFuture<Boolean>> answers = new ArrayList<>();
            IntStream.range(0, 100).forEach(i -> {
                TestApp target = i % 2 == 0 ? app : other;
                String body = "req-" + i;
                answers.add(HttpCalls.postAsync(target.baseUrl() + "/c/quote", body)
                        .thenApply(response -> response.statusCode() == 200 && response.body().equals("quote:" + body)));
            });
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answers).allSatisfy(answer -> assertThat(answer.join()).isTrue());
        }
    }

    @Test
    void deadLettersAreSentBackOnceTheHandlerIsFixedOverHttpAndTheCommandLine() throws Exception {
        int sent = 12;
        for (int i = 0; i < sent; i++) {
            client.send("c.repair.in", "r-" + i, Map.of("ce_id", "repair-" + i));
        }
        String api = app.baseUrl() + "/edakit/dlq";
        await().atMost(WAIT).until(() -> HttpCalls.get(api).body().contains("{\"channel\":\"c.repair.in.dlq\",\"waiting\":" + sent + "}"));

        String shown = HttpCalls.get(api + "/c.repair.in.dlq?limit=3").body();
        assertThat(shown.split("\"edakit_failure_exception\":\"java.lang.IllegalStateException\"", -1)).hasSize(4);
        assertThat(shown).contains("\"edakit_failure_channel\":\"c.repair.in\"").contains("downstream rejects r-");

        // a dry run moves nothing; the handler is still broken anyway
        HttpResponse<String> dry = HttpCalls.operator("POST", api + "/c.repair.in.dlq/redrive?dryRun=true", app.operatorToken());
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(dry.body()).contains("\"moved\":" + sent).contains("\"dryRun\":true");
        assertThat(repaired).isEmpty();

        repairableBroken = false;
        HttpResponse<String> byId = HttpCalls.operator("POST", api + "/c.repair.in.dlq/redrive?ids=repair-3,repair-5",
                app.operatorToken());
        assertThat(byId.body()).contains("\"moved\":2").contains("\"notSelected\":" + (sent - 2));
        await().atMost(WAIT).until(() -> repaired.size() == 2);
        assertThat(repaired).containsExactlyInAnyOrder("r-3", "r-5");

        assertThat(HttpCalls.operator("POST", api + "/c.repair.in.dlq/redrive?max=3", app.operatorToken()).body())
                .contains("\"moved\":3");
        await().atMost(WAIT).until(() -> repaired.size() == 5);

        // the rest from the command line, against the running application's broker
        StringWriter out = new StringWriter();
        CommandLine cli = EdakitCli.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("dlq", "redrive", "c.repair.in.dlq", "--config", app.configFile().toString(),
                "--rate", "50")).isZero();
        assertThat(out.toString()).contains("\"moved\": " + (sent - 5));
        await().atMost(WAIT).until(() -> repaired.size() == sent);
        assertThat(repaired).hasSize(sent).doesNotHaveDuplicates();
        await().atMost(WAIT).until(() -> HttpCalls.get(api).body().contains("{\"channel\":\"c.repair.in.dlq\",\"waiting\":0}"));

        assertThat(HttpCalls.operator("POST", api + "/c.repair.in.dlq/redrive?max=0", app.operatorToken()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void ingressValidatesEventsAgainstTheirSchemaAndAcceptsStructuredCloudEvents() {
        String url = app.baseUrl() + "/c/validated";
        Map<String, String> json = Map.of("Content-Type", "application/json", "ce-type", "order.created",
                "Authorization", "Bearer secret-token");
        HttpResponse<String> valid = HttpCalls.post(url,
                "{\"orderId\": 1, \"kind\": \"physical\", \"amount\": 5, \"currency\": \"EUR\"}", json);
        assertThat(valid.statusCode()).isEqualTo(202);

        HttpResponse<String> invalid = HttpCalls.post(url, "{\"orderId\": \"one\", \"amount\": -3}", json);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("invalid-event").contains("$.orderId").contains("$.amount").contains("kind");

        HttpResponse<String> unknown = HttpCalls.post(url, "{}", Map.of("Content-Type", "application/json",
                "ce-type", "order.teleported"));
        assertThat(unknown.statusCode()).isEqualTo(400);

        HttpResponse<String> structured = HttpCalls.post(url, """
                {"specversion": "1.0", "id": "evt-42", "source": "/shop", "type": "order.created",
                 "tenant": "acme", "data": {"orderId": 42, "kind": "digital", "amount": 9.5, "currency": "EUR"}}""",
                Map.of("Content-Type", "application/cloudevents+json"));
        assertThat(structured.statusCode()).isEqualTo(202);
        assertThat(structured.body()).contains("evt-42");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.received("c.valid.out")).hasSize(2);
            assertThat(client.received("c.valid.out.dlq")).hasSize(2);
        });
        Exchange converted = client.received("c.valid.out").stream()
                .filter(e -> "evt-42".equals(e.getMessage().getHeader("ce_id"))).findFirst().orElseThrow();
        assertThat(converted.getMessage().getHeaders()).containsEntry("ce_tenant", "acme").containsEntry("ce_source", "/shop");
        assertThat(converted.getMessage().getBody(String.class)).contains("\"orderId\"").contains("42");
        synchronized (client.received("c.valid.out.dlq")) {
            Map<String, Object> dead = client.received("c.valid.out.dlq").get(0).getMessage().getHeaders();
            assertThat(dead).doesNotContainKey("Authorization").containsKey(FailureHeaders.MESSAGE);
            assertThat(dead.get(FailureHeaders.EXCEPTION).toString()).endsWith("SchemaViolationException");
        }
    }

    @Test
    void senderRouterSendsEachMessageToTheFirstMatchingRulesChannel() {
        var producer = app.context().createProducerTemplate();
        for (int i = 0; i < 5; i++) {
            producer.sendBodyAndHeaders("direct:c-router", "{\"kind\": \"digital\", \"n\": " + i + "}",
                    Map.of("ce_tenant", "bigco", "kind", "physical"));
        }
        for (int i = 0; i < 6; i++) {
            producer.sendBodyAndHeaders("direct:c-router", "{\"kind\": \"digital\", \"n\": " + i + "}",
                    Map.of("ce_tenant", "acme"));
        }
        for (int i = 0; i < 7; i++) {
            producer.sendBodyAndHeaders("direct:c-router", "{\"kind\": \"physical\", \"n\": " + i + "}",
                    Map.of("ce_tenant", "acme", "kind", "physical"));
        }
        for (int i = 0; i < 2; i++) {
            producer.sendBodyAndHeaders("direct:c-router", "{\"kind\": \"other\"}", Map.of("kind", "other"));
        }
        for (int i = 0; i < 3; i++) {
            producer.sendBodyAndHeaders("direct:c-router-drop", "{}", Map.of("kind", "other"));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.bodies("c.router.bigco")).hasSize(5);
            assertThat(client.bodies("c.router.digital")).hasSize(6);
            assertThat(client.bodies("c.router.physical")).hasSize(7);
            assertThat(client.bodies("c.router.unrouted")).hasSize(2);
            assertThat(count("router-drop", "dropped")).isEqualTo(3);
        });
        assertThat(client.received("c.router.bigco").get(0).getMessage().getHeaders())
                .containsEntry("ce_source", "/shop").containsKey("ce_id")
                .containsEntry("edakit_router_rule", "${header.ce_tenant} == 'bigco' -> c.router.bigco");
        assertThat(client.received("c.router.unrouted").get(0).getMessage().getHeaders())
                .containsEntry(FailureHeaders.EXCEPTION, io.edakit.routes.router.UnroutedMessageException.class.getName())
                .containsEntry(FailureHeaders.MESSAGE, "no router rule matches the message");
        assertThat(count("router", "completed") + count("router", "dead-lettered")).isEqualTo(20);
    }

    @Test
    void eventBusFansOutByEnvelopeDropsTheUnmatchedAndIsolatesAFailingTarget() {
        // the reload test feeds the same bus: count from here
        long receivedBefore = count("bus", "received");
        long settledBefore = count("bus", "completed") + count("bus", "dead-lettered") + count("bus", "dropped");
        long droppedBefore = count("bus", "dropped");
        for (int i = 0; i < 20; i++) {
            client.send("c.bus", "p-" + i, Map.of("ce_type", "order.created", "kind", "physical",
                    "poison", i < 3 ? "yes" : "no"));
        }
        for (int i = 0; i < 10; i++) {
            client.send("c.bus", "d-" + i, Map.of("ce_type", "order.created", "kind", "digital"));
        }
        for (int i = 0; i < 5; i++) {
            client.send("c.bus", "x-" + i, Map.of("ce_type", "payment.done"));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(client.bodies("c.bus.warehouse")).hasSize(20);
            assertThat(client.bodies("c.bus.audit")).hasSize(30);
            assertThat(client.bodies("c.bus.downloads")).hasSize(10);
            assertThat(busFlakyReceived).hasSize(27);
            assertThat(client.bodies("c.bus.dlq")).hasSize(3);
            assertThat(count("bus", "dropped") - droppedBefore).isEqualTo(5);
        });
        // every target got each event once: the physical ones matched two rules naming the audit channel
        assertThat(client.bodies("c.bus.audit")).doesNotHaveDuplicates().noneMatch(body -> body.startsWith("x-"));
        assertThat(client.bodies("c.bus.warehouse")).allMatch(body -> body.startsWith("p-"));
        synchronized (client.received("c.bus.dlq")) {
            assertThat(client.received("c.bus.dlq")).allSatisfy(dead -> assertThat(dead.getMessage().getHeaders())
                    .containsEntry(FailureHeaders.TARGET, "direct:bus-flaky")
                    .containsEntry(FailureHeaders.EXCEPTION, PoisonMessageException.class.getName())
                    .containsEntry("kind", "physical"));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(count("bus", "completed") + count("bus", "dead-lettered")
                + count("bus", "dropped") - settledBefore).isEqualTo(35));
        assertThat(count("bus", "received") - receivedBefore).isEqualTo(35);
    }

    @Test
    void plainClientsSeeWhatTheTemplatesPutOnTheBrokerUnderTheDocumentedNames() {
        byte[] binary = {0, 1, (byte) 0xfe, (byte) 0xff};
        plain.sendText("c.plain.in", "{\"n\":4}", Map.of("ce_id", "plain-1", "ce_type", "order.created",
                "ce_specversion", "1.0", "tenant", "acme"), "customer-1");
        plain.sendBytes("c.plain.in", binary, Map.of("ce_id", "plain-2"), null);

        List<PlainClient.PlainMessage> relayed = plain.take("c.plain.out", 2, WAIT);
        assertThat(relayed).hasSize(2);
        PlainClient.PlainMessage text = relayed.stream().filter(m -> "plain-1".equals(m.headers().get("ce_id")))
                .findFirst().orElseThrow();
        assertThat(text.text()).isEqualTo("{\"n\":4}");
        assertThat(text.key()).isEqualTo("customer-1"); // JMSXGroupID, the record key
        assertThat(text.headers()).containsEntry("ce_type", "order.created").containsEntry("ce_specversion", "1.0")
                .containsEntry("tenant", "acme");
        PlainClient.PlainMessage bytes = relayed.stream().filter(m -> "plain-2".equals(m.headers().get("ce_id")))
                .findFirst().orElseThrow();
        assertThat(bytes.body()).isEqualTo(binary);
        assertThat(bytes.key()).isNull();

        // both instances got both messages, through the queue / consumer group the README names
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(plainAudited).containsExactlyInAnyOrder("plain-1", "plain-2");
            assertThat(count("plain", "completed")).isEqualTo(2);
            assertThat(plain.receivers("c.plain.in")).containsExactlyInAnyOrder("c.plain.in", "c.plain.in@audit");
        });
        assertThat(count("plain", "failed") + count("plain", "dead-lettered") + count("plain-audit", "failed")).isZero();

        // ingress: the envelope it stamps, as attributes on the broker
        HttpResponse<String> accepted = HttpCalls.post(app.baseUrl() + "/c/plain-orders", "{\"orderId\": 9}",
                Map.of("Content-Type", "application/json", "tenant", "bigco", "customer", "customer-9"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        List<PlainClient.PlainMessage> stamped = plain.take("c.plain.ingress", 1, WAIT);
        assertThat(stamped).hasSize(1);
        Map<String, String> envelope = stamped.get(0).headers();
        assertThat(envelope).containsEntry("ce_source", "/contract").containsEntry("ce_type", "order.created")
                .containsEntry("ce_specversion", "1.0").containsEntry(plain.dataContentTypeHeader(), "application/json")
                .containsEntry("tenant", "bigco").containsKey("ce_time");
        assertThat(accepted.body()).contains(envelope.get("ce_id"));
        assertThat(java.time.OffsetDateTime.parse(envelope.get("ce_time"))).isNotNull();
        assertThat(stamped.get(0).key()).isEqualTo("customer-9");
        assertThat(stamped.get(0).text()).isEqualTo("{\"orderId\": 9}");
    }

    @Test
    void aPlainResponderAnswersTheRequestReplyTemplateAndPlainDeadLettersShowAsText() throws Exception {
        CompletableFuture<HttpResponse<String>> answer = HttpCalls.postAsync(app.baseUrl() + "/c/plain-quote", "ACME");
        List<PlainClient.PlainMessage> requests = plain.take("c.plain.quotes", 1, WAIT);
        assertThat(requests).hasSize(1);
        PlainClient.PlainMessage request = requests.get(0);
        assertThat(request.text()).isEqualTo("ACME");
        assertThat(request.replyTo()).startsWith("edakit.reply." + instanceId); // the instance's own reply queue / topic
        assertThat(request.correlationId()).isNotBlank();
        assertThat(request.headers()).containsKey("ce_id").containsEntry("ce_specversion", "1.0");
        plain.reply(request, "quote:ACME");
        HttpResponse<String> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("quote:ACME");

        plain.sendText("c.plain.fail", "{\"n\":4}", Map.of("ce_id", "plain-dead-1"), null);
        DeadLetterOperations operations = new DeadLetterOperations(channelComponent().transport(), 3, java.util.Set.of());
        // the broker creates the dead-letter channel with its first message: until then it is unknown
        await().atMost(WAIT).ignoreExceptionsInstanceOf(IllegalArgumentException.class)
                .until(() -> operations.show("c.plain.fail.dlq", 10).size() == 1);
        var shown = operations.show("c.plain.fail.dlq", 10).get(0);
        assertThat(new String(shown.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"n\":4}");
        assertThat(shown.headers()).containsEntry("ce_id", "plain-dead-1")
                .containsEntry(FailureHeaders.MESSAGE, "cannot take {\"n\":4}");
        assertThat(count("plain-fail", "dead-lettered")).isEqualTo(1);
    }

    @Test
    void eventBusReloadsItsRulesAndKeepsTheOldOnesWhenTheFileIsBroken() throws Exception {
        long receivedBefore = count("bus", "received");
        long settledBefore = count("bus", "completed") + count("bus", "dead-lettered") + count("bus", "dropped");
        AtomicInteger sent = new AtomicInteger();
        try (LogCapture rulesLog = LogCapture.of("io.edakit.routes.bus.RulesFile")) {
            replaceRules(BUS_RULES.replace("unmatched: drop", """
                      - name: payments
                        pattern: { type: [payment.done] }
                        targets: [c.bus.payments]
                    unmatched: drop"""));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
                client.send("c.bus", "pay", Map.of("ce_type", "payment.done"));
                sent.incrementAndGet();
                return !client.bodies("c.bus.payments").isEmpty();
            });

            replaceRules("rules: [ { name: broken, pattern: { type: [{ prefx: a }] } ]\n");
            // the bus rejects the broken file at its next check, with the error ...
            await().atMost(WAIT).until(() -> rulesLog.contains("ERROR", rulesFile + " not reloaded"));
            // ... and keeps routing with the rules it had
            client.send("c.bus", "pay-after-break", Map.of("ce_type", "payment.done"));
            sent.incrementAndGet();
            await().atMost(WAIT).until(() -> client.bodies("c.bus.payments").contains("pay-after-break"));

            // the other tests of the bus expect its first rules: wait until they are in force again
            replaceRules(BUS_RULES);
            await().atMost(WAIT).until(() -> rulesLog.contains("INFO", rulesFile + ": 3 rule(s)"));
        }
        // and until every event this test sent is settled, so that no other test counts one of them
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("bus", "received") - receivedBefore).isEqualTo(sent.get());
            assertThat(count("bus", "completed") + count("bus", "dead-lettered") + count("bus", "dropped")
                    - settledBefore).isEqualTo(sent.get());
        });
    }

    /** Replaces the bus's rules file in one step, as an editor saving it does: a reload never reads half a file. */
    private void replaceRules(String rules) throws Exception {
        Path next = Files.writeString(rulesFile.resolveSibling("bus-rules.yaml.next"), rules);
        Files.move(next, rulesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private ChannelComponent channelComponent() {
        return app.context().getComponent("channel", ChannelComponent.class);
    }

    private long count(String route, String outcome) {
        return app.messages(route, outcome);
    }
}
