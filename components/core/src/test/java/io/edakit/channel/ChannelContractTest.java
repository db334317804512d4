package io.edakit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.testing.PlainClient;
import io.edakit.transport.ChannelTransport;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every channel does, whatever the transport: the subclasses only say which transport.
 * Channel names are unique per test, because a Kafka broker (shared by the test JVM) keeps its
 * topics from one test to the next.
 */
abstract class ChannelContractTest {

    private static final AtomicInteger CHANNELS = new AtomicInteger();

    @TempDir
    Path dataDir;

    private CamelContext context;
    private ProducerTemplate producer;

    /** The {@code edakit.*} properties that select and configure the transport under test. */
    protected abstract Properties transportProperties(Path dataDir);

    /** A client of the started transport's broker that knows nothing of edakit. */
    protected abstract PlainClient plainClient(ChannelTransport transport);

    private PlainClient plainClient() {
        return plainClient(context.getComponent("channel", ChannelComponent.class).transport());
    }

    @BeforeEach
    void startContext() {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(transportProperties(dataDir));
    }

    private static String channel(String base) {
        return base + "-" + CHANNELS.incrementAndGet();
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void plainClientMessagesArriveAsTheirTextOrBytesWithTheirHeadersAndKey() throws Exception {
        String inbound = channel("plain-in");
        List<Message> received = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("channel:" + inbound).process(e -> received.add(e.getMessage().copy()));
            }
        });
        context.start();
        byte[] binary = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        try (PlainClient plain = plainClient()) {
            plain.sendText(inbound, "{\"n\":4}", Map.of("ce_id", "evt-4", "ce_type", "order.created", "tenant", "acme"), "k-4");
            plain.sendBytes(inbound, binary, Map.of("ce_id", "evt-5"), null);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2);
        assertThat(received).hasSize(2);
        Message text = received.stream().filter(m -> "evt-4".equals(m.getHeader("ce_id"))).findFirst().orElseThrow();
        assertThat(text.getBody(byte[].class)).isEqualTo("{\"n\":4}".getBytes(StandardCharsets.UTF_8));
        assertThat(text.getHeaders()).containsEntry("ce_type", "order.created").containsEntry("tenant", "acme")
                .containsEntry(ChannelHeaders.KEY, "k-4");
        Message bytes = received.stream().filter(m -> "evt-5".equals(m.getHeader("ce_id"))).findFirst().orElseThrow();
        assertThat(bytes.getBody(byte[].class)).isEqualTo(binary);
        assertThat(bytes.getHeaders()).doesNotContainKey(ChannelHeaders.KEY);
    }

    @Test
    void aPlainClientReadsWhatAChannelSendsUnderTheDocumentedNames() throws Exception {
        String outbound = channel("plain-out");
        List<String> billing = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("channel:" + outbound + "?group=billing").process(e -> billing.add(e.getMessage().getBody(String.class)));
            }
        });
        context.start();
        producer = context.createProducerTemplate();
        producer.sendBodyAndHeaders("channel:" + outbound, "{\"orderId\":1}", Map.of("ce_id", "evt-1",
                "ce_specversion", "1.0", "ce_datacontenttype", "application/json", "tenant", "acme", ChannelHeaders.KEY, "order-1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> billing.size() == 1);
        try (PlainClient plain = plainClient()) {
            List<PlainClient.PlainMessage> taken = plain.take(outbound, 1, Duration.ofSeconds(20));
            assertThat(taken).hasSize(1);
            PlainClient.PlainMessage message = taken.get(0);
            assertThat(message.text()).isEqualTo("{\"orderId\":1}");
            assertThat(message.key()).isEqualTo("order-1");
            assertThat(message.headers()).containsEntry("ce_id", "evt-1").containsEntry("ce_specversion", "1.0")
                    .containsEntry(plain.dataContentTypeHeader(), "application/json").containsEntry("tenant", "acme");
            // the point-to-point receiver and the subscriber group, as the README names them
            await().atMost(Duration.ofSeconds(20)).until(() -> plain.receivers(outbound)
                    .equals(Set.of(outbound, outbound + "@billing")));
        }
    }

    @Test
    void plainRequestersAndRespondersTalkRequestReplyWithChannels() throws Exception {
        String service = channel("plain-svc");
        String remote = channel("plain-remote");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("channel:" + service).setBody(simple("re:${body}"));
            }
        });
        context.start();
        producer = context.createProducerTemplate();
        try (PlainClient plain = plainClient()) {
            PlainClient.PlainMessage reply = plain.request(service, "q-1", Duration.ofSeconds(20));
            assertThat(reply).isNotNull();
            assertThat(reply.text()).isEqualTo("re:q-1");

            var answer = producer.asyncRequestBody("channel:" + remote + "?persistent=false&requestTimeout=20000", "ping", String.class);
            List<PlainClient.PlainMessage> requests = plain.take(remote, 1, Duration.ofSeconds(20));
            assertThat(requests).hasSize(1);
            assertThat(requests.get(0).text()).isEqualTo("ping");
            assertThat(requests.get(0).replyTo()).startsWith("edakit.reply.");
            assertThat(requests.get(0).correlationId()).isNotBlank();
            plain.reply(requests.get(0), "pong");
            assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("pong");
        }
    }

    @Test
    void pointToPointDeliversEveryMessageOnceAcrossCompetingConsumers() throws Exception {
        String orders = channel("orders");
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("channel:" + orders + "?concurrentConsumers=4").process(e -> received.add(e.getMessage().getBody(String.class)));
                from("channel:" + orders + "?concurrentConsumers=2").process(e -> received.add(e.getMessage().getBody(String.class)));
            }
        });
        context.start();
        producer = context.createProducerTemplate();
        for (int i = 0; i < 500; i++) {
            producer.sendBodyAndHeader("channel:" + orders, "order-" + i, "tenant", "acme");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 500);
        assertThat(received).hasSize(500).doesNotHaveDuplicates();
    }

    @Test
    void subscriberGroupsEachGetEveryMessageAndHeadersTravel() throws Exception {
        String events = channel("events");
        Map<String, List<String>> byGroup = new ConcurrentHashMap<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String group : List.of("billing", "shipping")) {
                    from("channel:" + events + "?group=" + group).process(e -> byGroup
                            .computeIfAbsent(group, g -> Collections.synchronizedList(new ArrayList<>()))
                            .add(e.getMessage().getHeader("ce_type", String.class) + ":" + e.getMessage().getBody(String.class)));
                }
            }
        });
        context.start();
        producer = context.createProducerTemplate();
        for (int i = 0; i < 50; i++) {
            producer.sendBodyAndHeader("channel:" + events, "e" + i, "ce_type", "order.created");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> byGroup.size() == 2
                && byGroup.values().stream().allMatch(list -> list.size() >= 50));
        assertThat(byGroup.get("billing")).hasSize(50).contains("order.created:e7");
        assertThat(byGroup.get("shipping")).hasSize(50);
    }

    @Test
    void sameKeyIsProcessedInOrderWhileKeysRunInParallel() throws Exception {
        String keyed = channel("keyed");
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("channel:" + keyed + "?concurrentConsumers=4").process(e -> seen
                        .computeIfAbsent(e.getMessage().getHeader(ChannelHeaders.KEY, String.class),
                                k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(e.getMessage().getHeader("seq", Integer.class)));
            }
        });
        context.start();
        producer = context.createProducerTemplate();
        for (int i = 0; i < 400; i++) {
            producer.sendBodyAndHeaders("channel:" + keyed, "x", Map.of(ChannelHeaders.KEY, "k" + (i % 8), "seq", i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.values().stream().mapToInt(List::size).sum() >= 400);
        assertThat(seen).hasSize(8);
        seen.values().forEach(sequence -> assertThat(sequence).isSorted().hasSize(50));
    }

    @Test
    void failedExchangeIsRedeliveredUntilItSucceeds() throws Exception {
        String flaky = channel("flaky");
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("channel:" + flaky).process(e -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("transient");
                    }
                    assertThat(e.getMessage().getHeader(ChannelHeaders.DELIVERY_COUNT, Integer.class)).isEqualTo(3);
                    done.incrementAndGet();
                });
            }
        });
        context.start();
        context.createProducerTemplate().sendBody("channel:" + flaky, "once");
        await().atMost(Duration.ofSeconds(20)).until(() -> done.get() == 1);
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void requestReplyRoundTripErrorAndTimeout() throws Exception {
        String quotes = channel("quotes");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("channel:" + quotes).choice()
                        .when(body().isEqualTo("boom")).throwException(new IllegalArgumentException("no quote for boom"))
                        .when(body().isEqualTo("slow")).delay(1500).setBody(constant("late")).endChoice()
                        .otherwise().setBody(simple("quote for ${body}"));
            }
        });
        context.start();
        producer = context.createProducerTemplate();
        assertThat(producer.requestBody("channel:" + quotes + "?persistent=false", "abc", String.class)).isEqualTo("quote for abc");
        assertThatThrownBy(() -> producer.requestBody("channel:" + quotes + "?persistent=false", "boom", String.class))
                .isInstanceOf(CamelExecutionException.class).hasCauseInstanceOf(RemoteHandlerException.class)
                .hasRootCauseMessage("no quote for boom");
        assertThatThrownBy(() -> producer.requestBody("channel:" + quotes + "?persistent=false&requestTimeout=300", "slow", String.class))
                .hasCauseInstanceOf(ExchangeTimedOutException.class);
        ChannelComponent component = context.getComponent("channel", ChannelComponent.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> component.lateReplies() == 1);
        assertThat(component.requestTimeouts()).isEqualTo(1);
    }
}
