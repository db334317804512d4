package io.edakit.app;

import static io.edakit.testing.TestApp.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.PlainClient;
import io.edakit.testing.RawHttp;
import io.edakit.testing.RawHttp.Header;
import io.edakit.testing.TestApp;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Times written as durations in a configuration file take effect, seen from outside: a raw HTTP
 * caller waits {@code timeout=2s} for a reply nobody sends, and a handler that always fails is
 * called again {@code redelivery-delay=250ms} apart (fed by a plain JMS client, its dead letter
 * read back by one) before the message is dead-lettered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DurationParametersTest {

    private final ArtemisFixture transport = new ArtemisFixture();
    private final List<Long> attempts = Collections.synchronizedList(new ArrayList<>());
    private TestApp app;
    private PlainClient plain;
    private int port;

    @BeforeAll
    void start() throws Exception {
        Path workDir = Files.createTempDirectory("edakit-durations-");
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        instance(config, "quotes", "request-reply", Map.of("from", "platform-http:/d/quote", "channel", "d.quotes",
                "timeout", "2s"));
        instance(config, "orders", "point-to-point", Map.of("channel", "d.orders", "handler", "direct:always-fails",
                "max-redeliveries", "2", "redelivery-delay", "250ms", "backoff-multiplier", "1", "jitter", "0"));
        app = TestApp.start(workDir, "durations", config, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:always-fails").process(exchange -> {
                    attempts.add(System.nanoTime());
                    throw new IllegalStateException("the handler is down");
                });
            }
        });
        assertThat(Files.readString(app.configFile())).contains("timeout=2s").contains("redelivery-delay=250ms");
        port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
        plain = transport.plainClient();
    }

    @AfterAll
    void stop() {
        if (plain != null) {
            plain.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aRequestNobodyAnswersGets504AfterTheTwoSecondsConfigured() {
        long start = System.nanoTime();
        RawHttp.Response response = RawHttp.post(port, "/d/quote", List.of(new Header("Host", "127.0.0.1:" + port),
                new Header("Content-Type", "application/json"),
                new Header("ce-id", "d-quote-1"), new Header("ce-source", "/test"), new Header("ce-type", "quote.requested"),
                new Header("ce-specversion", "1.0")), "{\"item\": 1}".getBytes(StandardCharsets.UTF_8));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).as(response.body()).isEqualTo(504);
        assertThat(response.body()).contains("timeout");
        // 2s, not 2 ms (a bare number) nor the 5 s default
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1_900)).isLessThan(Duration.ofMillis(4_900));
    }

    @Test
    void aFailingMessageIsRetriedTwoHundredFiftyMillisecondsApartThenDeadLettered() {
        plain.sendText("d.orders", "{\"order\": 7}", Map.of("ce_id", "d-order-7", "ce_type", "order.created",
                "ce_source", "/test", "ce_specversion", "1.0"), null);

        List<PlainClient.PlainMessage> dead = plain.take("d.orders.dlq", 1, Duration.ofSeconds(60));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).text()).isEqualTo("{\"order\": 7}");
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.size() >= 3);
        assertThat(attempts).as("the first attempt and two retries").hasSize(3);
        List<Long> gaps = List.of(attempts.get(1) - attempts.get(0), attempts.get(2) - attempts.get(1));
        // each retry waits the 250 ms (backoff multiplier 1, no jitter): not at once, not 250 s
        assertThat(gaps).allSatisfy(gap -> assertThat(Duration.ofNanos(gap))
                .isGreaterThanOrEqualTo(Duration.ofMillis(240)).isLessThan(Duration.ofSeconds(10)));
        assertThat(Duration.ofNanos(attempts.get(2) - attempts.get(0))).as("first to last arrival")
                .isGreaterThanOrEqualTo(Duration.ofMillis(490));
    }
}
