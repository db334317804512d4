package io.edakit.routes.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.edakit.routes.kamelets.BrokerApp;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idempotent-consumer template on a Camel IdempotentRepository (Camel's memory one here, as a
 * Redis or Infinispan one would be): edakit.idempotency.store=camel names the bean; a plain JMS
 * client sends every key twice, the handler sees each once.
 */
class CamelRepositoryTemplateTest {

    @TempDir
    Path data;

    private BrokerApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theTemplateDropsTheDuplicatesItsCamelRepositoryKnows() throws Exception {
        MemoryIdempotentRepository repository = new MemoryIdempotentRepository();
        ConcurrentLinkedQueue<String> handled = new ConcurrentLinkedQueue<>();
        app = new BrokerApp(data, Map.of(
                "camel.main.routes-builder-classes", "io.edakit.routes.EdakitTemplates",
                "edakit.idempotency.store", "camel",
                "edakit.idempotency.repository", "#paymentKeys",
                "camel.route-template[payments].template-id", "idempotent-consumer",
                "camel.route-template[payments].channel", "payments",
                "camel.route-template[payments].handler", "direct:paid"));
        app.main.bind("paymentKeys", repository);
        app.main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:paid").process(e -> handled.add(e.getMessage().getHeader("ce_id", String.class)));
            }
        });
        app.start();

        int payments = 20;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < payments; i++) {
                app.jms().sendText("payments", "{}", Map.of("ce_id", "pay-" + i), null);
            }
        }
        // one consumer, so the marker comes after every duplicate: once it is handled, they were all judged
        app.jms().sendText("payments", "{}", Map.of("ce_id", "marker"), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.contains("marker"));

        assertThat(handled).hasSize(payments + 1).doesNotHaveDuplicates();
        // the template's keys live in the application's repository, prefixed with the channel (its namespace)
        assertThat(repository.contains("payments:pay-0")).isTrue();
        assertThat(repository.getCache()).hasSize(payments + 1);
    }
}
