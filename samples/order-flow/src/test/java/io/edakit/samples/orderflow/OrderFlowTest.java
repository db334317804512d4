package io.edakit.samples.orderflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
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

    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    private void start() throws IOException {
        main = new Main();
        main.addOverrideProperty("edakit.broker.port", String.valueOf(freePort()));
        main.addOverrideProperty("edakit.broker.data-dir", data.toString());
        main.addOverrideProperty("edakit.saga.jdbc-url", "jdbc:h2:file:" + data.resolve("saga").toAbsolutePath());
        main.start();
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
