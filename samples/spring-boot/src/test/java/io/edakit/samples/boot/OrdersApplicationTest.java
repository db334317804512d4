package io.edakit.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample as Boot runs it, on its embedded HTTP server and edakit's embedded Artemis broker:
 * orders posted over HTTP (a plain HTTP client) travel through the channel and are fulfilled once
 * each; Actuator reports edakit's transport.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersApplicationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) throws IOException {
        IsolatedSample.register(registry, "edakit-boot-sample", "orders-test-operator-token");
    }

    @LocalServerPort
    int port;

    @Autowired
    Fulfilment fulfilment;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate camel;

    @Test
    void ordersPostedOverHttpAreFulfilledOnceEachThroughTheChannel() throws Exception {
        int orders = 20;
        for (int i = 0; i < orders; i++) {
            HttpResponse<String> accepted = post(String.valueOf(i));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(JSON.readTree(accepted.body()).path("id").asText()).isNotBlank();
        }
        // five orders posted a second time: new events (new ids), the same orders
        for (int i = 0; i < 5; i++) {
            assertThat(post(String.valueOf(i)).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM edakit_idempotency_keys WHERE confirmed", Integer.class)).isEqualTo(orders));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fulfilment.fulfilled()).hasSize(orders));
        assertThat(fulfilment.fulfilled()).doesNotHaveDuplicates();
    }

    @Test
    void actuatorHealthIncludesEdakitsTransport() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("edakit").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("edakit").path("details").path("transport").asText()).isEqualTo("artemis");
    }

    @Test
    void actuatorListsDeadLettersAndShowsThemWithoutTakingThem() throws Exception {
        // an order without the header the idempotency key is made of: dead-lettered with the reason. It
        // comes from a Camel route that names its envelope Camel's way (camel-cloudevents' headers): the
        // ingress keeps that id and type instead of stamping its own
        Exchange answered = camel.request("direct:place-order", exchange -> {
            exchange.getMessage().setBody("{}");
            exchange.getMessage().setHeader("CamelCloudEventID", "imported-1");
            exchange.getMessage().setHeader("CamelCloudEventType", "order.imported");
        });
        assertThat(answered.getMessage().getBody(String.class)).contains("\"id\":\"imported-1\"");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode overview = JSON.readTree(get("/actuator/edakit").body());
            assertThat(overview.path("transport").asText()).isEqualTo("artemis");
            assertThat(overview.path("deadLetters").toString()).contains("\"channel\":\"orders.dlq\"", "\"waiting\":1");
        });
        JsonNode waiting = JSON.readTree(get("/actuator/edakit/orders.dlq").body());
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).path("headers").path("edakit_failure_message").asText()).contains("no idempotency key");
        assertThat(waiting.get(0).path("headers").path("ce_id").asText()).isEqualTo("imported-1");
        assertThat(waiting.get(0).path("headers").path("ce_type").asText()).isEqualTo("order.imported");
        assertThat(JSON.readTree(get("/actuator/edakit/orders.dlq").body())).hasSize(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String orderId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .timeout(Duration.ofSeconds(30)).header("orderId", orderId).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\": \"" + orderId + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
