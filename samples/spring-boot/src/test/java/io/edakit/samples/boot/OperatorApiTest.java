package io.edakit.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edakit.envelope.Envelope;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator API on Boot's HTTP server, as an operator's HTTP client (java.net.http, nothing of
 * Spring's or edakit's) meets it: the dead letter an order without {@code orderId} became is listed
 * and shown to a local caller, a redrive is refused without the token, with a wrong one and from a page
 * of another origin, and with the token the message leaves the dead-letter channel and arrives on the
 * channel it was redriven to, once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperatorApiTest {

    private static final String TOKEN = "boot-operator-token-for-tests";
    private static final String REDRIVEN = "orders.redriven";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) throws IOException {
        IsolatedSample.register(registry, "edakit-boot-operator", TOKEN);
    }

    /** What arrives on the channel the dead letter is redriven to: its envelope id and body. */
    @TestConfiguration
    static class RedrivenChannel {

        @Bean
        List<Map<String, String>> redriven() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        RouteBuilder redrivenReader(List<Map<String, String>> redriven) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("channel:" + REDRIVEN).routeId("redriven-reader").process(exchange -> redriven.add(Map.of(
                            "id", exchange.getMessage().getHeader(Envelope.ID, String.class),
                            "body", exchange.getMessage().getBody(String.class))));
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ProducerTemplate camel;

    @Autowired
    List<Map<String, String>> redriven;

    @Test
    void deadLettersAreListedAndRedrivenWithTheTokenOnly() throws Exception {
        // no orderId: the fulfilment's idempotency key is missing, so the order is dead-lettered
        camel.request("direct:place-order", exchange -> exchange.getMessage().setBody("{\"item\": \"lost\"}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                JSON.readTree(send("GET", "/edakit/dlq", Map.of()).body()).toString())
                .contains("{\"channel\":\"orders.dlq\",\"waiting\":1}"));
        HttpResponse<String> shown = send("GET", "/edakit/dlq/orders.dlq", Map.of());
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        JsonNode waiting = JSON.readTree(shown.body());
        assertThat(waiting).hasSize(1);
        String id = waiting.get(0).path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(waiting.get(0).path("body").asText()).isEqualTo("{\"item\": \"lost\"}");

        String redrive = "/edakit/dlq/orders.dlq/redrive?ids=" + id + "&to=" + REDRIVEN;
        HttpResponse<String> anonymous = send("POST", redrive, Map.of());
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"edakit\"");
        assertThat(JSON.readTree(anonymous.body()).path("message").asText()).contains("operator token");
        assertThat(send("POST", redrive, Map.of("Authorization", "Bearer not-the-operator-token")).statusCode())
                .isEqualTo(401);
        // a page of another origin that the operator has open, even one that knows the token
        assertThat(send("POST", redrive, Map.of("Authorization", "Bearer " + TOKEN, "Origin", "http://elsewhere.example"))
                .statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(send("GET", "/edakit/dlq/orders.dlq", Map.of()).body())).hasSize(1);
        assertThat(redriven).isEmpty();

        HttpResponse<String> moved = send("POST", redrive, Map.of("Authorization", "Bearer " + TOKEN));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(moved.body());
        assertThat(report.path("offered").asLong()).isEqualTo(1);
        assertThat(report.path("moved").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !redriven.isEmpty());
        assertThat(redriven).containsExactly(Map.of("id", id, "body", "{\"item\": \"lost\"}"));
        assertThat(JSON.readTree(send("GET", "/edakit/dlq/orders.dlq", Map.of()).body())).isEmpty();
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
