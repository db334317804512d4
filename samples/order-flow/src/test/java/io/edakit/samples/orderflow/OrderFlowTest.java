package io.edakit.samples.orderflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.edakit.routes.saga.SagaEngines;
import io.edakit.saga.SagaLog;
import io.edakit.saga.SagaRecord;
import io.edakit.saga.SagaState;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample runs as a plain Camel Main application with edakit as a library dependency. */
class OrderFlowTest {

    @TempDir
    Path data;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    private void start() throws IOException {
        start(false);
    }

    /** Starts the application on free ports, with or without its demo customer; answers its HTTP base URL. */
    private String start(boolean demoOrders) throws IOException {
        int httpPort = freePort();
        main = new Main();
        main.addOverrideProperty("edakit.broker.port", String.valueOf(freePort()));
        main.addOverrideProperty("edakit.broker.data-dir", data.toString());
        main.addOverrideProperty("edakit.saga.jdbc-url", "jdbc:h2:file:" + data.resolve("saga").toAbsolutePath());
        main.addOverrideProperty("camel.server.port", String.valueOf(httpPort));
        main.addOverrideProperty("order-flow.demo-orders", String.valueOf(demoOrders));
        main.addOverrideProperty("order-flow.demo-period", "100");
        main.start();
        return "http://127.0.0.1:" + httpPort;
    }

    private static HttpResponse<String> post(String url, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyOrderIsFulfilledOrBackordered() throws Exception {
        start();

        ProducerTemplate producer = main.getCamelContext().createProducerTemplate();
        int orders = 30;
        for (int i = 0; i < orders; i++) {
            String item = i % 3 == 0 ? "lamp" : i % 3 == 1 ? "book" : "ebook";
            producer.sendBodyAndHeaders("direct:place-order", "{\"orderId\": " + i + "}",
                    Map.of("orderId", String.valueOf(i), "item", item));
        }

        OrderBook book = main.getCamelContext().getRegistry().lookupByNameAndType("orderBook", OrderBook.class);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> book.fulfilled().size() + book.backordered().size() == orders);
        // ten lamps ordered, five in stock: five back-ordered, everything else fulfilled
        assertThat(book.backordered()).hasSize(5);
        assertThat(book.fulfilled()).hasSize(orders - 5).doesNotHaveDuplicates();
    }

    @Test
    void theDemoCustomerKeepsOrdersFlowing() throws Exception {
        start(true);
        OrderBook book = main.getCamelContext().getRegistry().lookupByNameAndType("orderBook", OrderBook.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> book.fulfilled().size() >= 3);
        assertThat(book.fulfilled()).allSatisfy(orderId -> assertThat(orderId).startsWith("demo-")).doesNotHaveDuplicates();
    }

    @Test
    void ordersAndPaymentsComeInOverHttp() throws Exception {
        String base = start(false);
        HttpResponse<String> placed = post(base + "/orders", Map.of("Content-Type", "application/json",
                "orderId", "web-1", "item", "book"), "{\"orderId\": \"web-1\"}");
        assertThat(placed.statusCode()).isEqualTo(202);
        assertThat(placed.body()).contains("\"channel\":\"orders\"");
        OrderBook book = main.getCamelContext().getRegistry().lookupByNameAndType("orderBook", OrderBook.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> book.fulfilled().contains("web-1"));

        HttpResponse<String> paid = post(base + "/payments", Map.of("orderId", "web-1", "email", "ann@example.com"), "");
        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat(paid.body()).contains("\"payment\": \"confirmed\"");
        HttpResponse<String> failed = post(base + "/payments", Map.of("orderId", "web-2"), "");
        assertThat(failed.statusCode()).isEqualTo(422);
        assertThat(failed.body()).contains("no e-mail address to confirm to");
        Payments payments = main.getCamelContext().getRegistry().lookupByNameAndType("payments", Payments.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> payments.voided().contains("web-2"));
        assertThat(payments.voided()).containsExactly("web-2");
    }

    @Test
    void aPaymentWhoseConfirmationFailsIsVoidedThroughTheDurableSagaLog() throws Exception {
        start();
        ProducerTemplate producer = main.getCamelContext().createProducerTemplate();
        producer.sendBodyAndHeaders("direct:pay", "{}", Map.of("orderId", "p-1", "email", "ann@example.com"));
        assertThatThrownBy(() -> producer.sendBodyAndHeaders("direct:pay", "{}", Map.of("orderId", "p-2")))
                .isInstanceOf(CamelExecutionException.class);

        Payments payments = main.getCamelContext().getRegistry().lookupByNameAndType("payments", Payments.class);
        assertThat(payments.authorized()).containsExactly("p-1", "p-2");
        await().atMost(Duration.ofSeconds(30)).until(() -> payments.voided().contains("p-2"));
        assertThat(payments.voided()).containsExactly("p-2");
        SagaLog log = SagaEngines.forContext(main.getCamelContext()).log();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log.list(Optional.empty(), 10))
                .extracting(SagaRecord::state).containsExactlyInAnyOrder(SagaState.COMPLETED, SagaState.COMPENSATED));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
