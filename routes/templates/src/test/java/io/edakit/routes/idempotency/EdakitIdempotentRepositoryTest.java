package io.edakit.routes.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.edakit.idempotency.IdempotencyDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * edakit's windowed stores as Camel's IdempotentRepository, under Camel's own idempotentConsumer():
 * two Camel contexts (two applications) on one JDBC store (H2) handle each key once between them,
 * a failed exchange gives its key back, a key is new again after the window, and the memory store
 * comes from the edakit.idempotency.* settings.
 */
class EdakitIdempotentRepositoryTest {

    private final String url = "jdbc:h2:mem:idempotency-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final List<AutoCloseable> closing = new java.util.ArrayList<>();

    @AfterEach
    void close() throws Exception {
        java.util.Collections.reverse(closing);
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** A Camel context whose direct:in de-duplicates by header id through {@code repository}, then handles. */
    private CamelContext app(IdempotentRepository repository, ConcurrentLinkedQueue<String> handled,
                             AtomicInteger failFirst) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").idempotentConsumer(header("id"), repository)
                        .process(exchange -> {
                            if (failFirst.getAndDecrement() > 0) {
                                throw new IllegalStateException("the handler failed");
                            }
                            handled.add(exchange.getMessage().getHeader("id", String.class));
                        });
            }
        });
        camel.start();
        closing.add(camel);
        return camel;
    }

    private IdempotentRepository jdbcRepository(String instance, Duration window) {
        IdempotencyDatabase database = IdempotencyDatabase.open(url, "sa", "", 2, instance);
        closing.add(database);
        return new EdakitIdempotentRepository(database.store("orders"), window);
    }

    private static boolean duplicate(Exchange exchange) {
        return exchange.getProperty(Exchange.DUPLICATE_MESSAGE, false, Boolean.class);
    }

    @Test
    void twoApplicationsOnOneJdbcStoreHandleEachKeyOnce() throws Exception {
        ConcurrentLinkedQueue<String> handled = new ConcurrentLinkedQueue<>();
        AtomicInteger noFailures = new AtomicInteger();
        ProducerTemplate first = app(jdbcRepository("a", Duration.ofHours(1)), handled, noFailures).createProducerTemplate();
        ProducerTemplate second = app(jdbcRepository("b", Duration.ofHours(1)), handled, noFailures).createProducerTemplate();

        int keys = 20;
        int dropped = 0;
        for (int i = 0; i < keys; i++) {
            String id = "key-" + i;
            for (ProducerTemplate app : List.of(first, second, first)) {
                dropped += duplicate(app.send("direct:in", e -> e.getMessage().setHeader("id", id))) ? 1 : 0;
            }
        }
        assertThat(handled).hasSize(keys).doesNotHaveDuplicates();
        assertThat(dropped).isEqualTo(keys * 2);
    }

    @Test
    void aFailedExchangeGivesItsKeyBackSoTheRetryIsHandled() throws Exception {
        ConcurrentLinkedQueue<String> handled = new ConcurrentLinkedQueue<>();
        ProducerTemplate app = app(jdbcRepository("a", Duration.ofHours(1)), handled, new AtomicInteger(1))
                .createProducerTemplate();

        Exchange failed = app.send("direct:in", e -> e.getMessage().setHeader("id", "pay-1"));
        assertThat(failed.getException()).hasMessage("the handler failed");
        Exchange retried = app.send("direct:in", e -> e.getMessage().setHeader("id", "pay-1"));
        assertThat(retried.getException()).isNull();
        assertThat(duplicate(retried)).isFalse();
        Exchange again = app.send("direct:in", e -> e.getMessage().setHeader("id", "pay-1"));
        assertThat(duplicate(again)).isTrue();
        assertThat(handled).containsExactly("pay-1");
    }

    @Test
    void aKeyIsNewAgainOnceItsWindowPassed() throws Exception {
        ConcurrentLinkedQueue<String> handled = new ConcurrentLinkedQueue<>();
        ProducerTemplate app = app(jdbcRepository("a", Duration.ofMillis(300)), handled, new AtomicInteger())
                .createProducerTemplate();
        assertThat(duplicate(app.send("direct:in", e -> e.getMessage().setHeader("id", "k")))).isFalse();
        assertThat(duplicate(app.send("direct:in", e -> e.getMessage().setHeader("id", "k")))).isTrue();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> !duplicate(app.send("direct:in", e -> e.getMessage().setHeader("id", "k"))));
        assertThat(handled).containsExactly("k", "k");
    }

    @Test
    void theSettingsChooseTheStoreAndOnlyTheEagerModeIsOffered() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        closing.add(camel);
        EdakitIdempotentRepository repository = EdakitIdempotentRepository.of(camel, "orders", "1h");
        ConcurrentLinkedQueue<String> handled = new ConcurrentLinkedQueue<>();
        ProducerTemplate app = app(repository, handled, new AtomicInteger()).createProducerTemplate();
        for (int i = 0; i < 3; i++) {
            app.sendBodyAndHeader("direct:in", "", "id", "same");
        }
        assertThat(handled).containsExactly("same");
        assertThatThrownBy(() -> repository.contains("same")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("eager");
    }
}
