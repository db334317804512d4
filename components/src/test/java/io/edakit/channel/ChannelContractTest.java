package io.edakit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ExchangeTimedOutException;
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
