package io.edakit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.edakit.jdbc.StoreDataSource;
import io.edakit.testing.PlainClient.PlainMessage;
import io.edakit.testing.PlainJmsClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The saga template in a Boot application keeps its log in the application's DataSource on a real
 * PostgreSQL: a DBA created the tables from the DDL the starter ships ({@code edakit/ddl/postgresql.sql}),
 * the application starts with {@code edakit.spring.create-tables=false}, a plain JMS client sends the
 * starts and reads the outcome events, and plain JDBC reads the saga rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSagaLogTest {

    private static final String USER = "edakit";
    private static final String PASSWORD = "saga-secret";

    private EmbeddedPostgres postgres;

    @TempDir
    Path data;

    @BeforeAll
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void sagasRunOnTheApplicationsPostgresDataSourceWithTheTablesTheShippedDdlCreated() throws Exception {
        String url = postgres.getJdbcUrl("postgres", "postgres");
        try (Connection dba = DriverManager.getConnection(url, "postgres", ""); Statement sql = dba.createStatement()) {
            String ddl = new String(getClass().getResourceAsStream("/edakit/ddl/postgresql.sql").readAllBytes(),
                    StandardCharsets.UTF_8);
            for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    sql.execute(statement);
                }
            }
        }
        int port = freePort();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StarterTestApplication.class,
                SagaParticipants.class).run(
                "--edakit.broker.port=" + port,
                "--edakit.broker.data-dir=" + data.resolve("artemis"),
                "--edakit.broker.user=" + USER,
                "--edakit.broker.password=" + PASSWORD,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--edakit.spring.create-tables=false",
                "--camel.routetemplate.config[0].template-id=saga",
                "--camel.routetemplate.config[0].route-id=order-saga",
                "--camel.routetemplate.config[0].saga=order",
                "--camel.routetemplate.config[0].from=channel:order.starts",
                "--camel.routetemplate.config[0].steps=reserve=direct:reserve|direct:release; charge=direct:charge",
                "--camel.routetemplate.config[0].stepRetries=0",
                "--camel.routetemplate.config[0].outcomeChannel=order.outcomes",
                "--camel.main.name=postgres-saga-test");
             PlainJmsClient jms = new PlainJmsClient("tcp://127.0.0.1:" + port, USER, PASSWORD)) {
            assertThat(app.getBean(StoreDataSource.BEAN, StoreDataSource.class).createTables()).isFalse();
            int sagas = 10;
            List<String> declined = new ArrayList<>();
            for (int i = 0; i < sagas; i++) {
                boolean decline = i % 5 == 0;
                if (decline) {
                    declined.add("p-" + i);
                }
                jms.sendText("order.starts", decline ? "decline" : "ok", Map.of("ce_specversion", "1.0", "ce_id", "p-" + i,
                        "ce_source", "/shop", "ce_type", "order.placed"), null);
            }
            List<PlainMessage> outcomes = jms.take("order.outcomes", sagas, Duration.ofSeconds(60));
            assertThat(outcomes).extracting(m -> m.headers().get("ce_subject"))
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, sagas).mapToObj(i -> "p-" + i).toList());
            assertThat(outcomes).filteredOn(m -> "edakit.saga.compensated".equals(m.headers().get("ce_type")))
                    .extracting(m -> m.headers().get("ce_subject")).containsExactlyInAnyOrderElementsOf(declined);
            assertThat(jms.take("order.outcomes", 1, Duration.ofSeconds(2))).isEmpty();

            // the log is PostgreSQL's: every saga, in its final state, with its steps' events
            try (Connection reader = DriverManager.getConnection(url, "postgres", "");
                 Statement sql = reader.createStatement()) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        states(sql)).containsEntry("COMPLETED", sagas - declined.size())
                        .containsEntry("COMPENSATED", declined.size()));
                try (ResultSet events = sql.executeQuery("SELECT COUNT(*) FROM edakit_saga_event")) {
                    events.next();
                    assertThat(events.getInt(1)).isPositive();
                }
            }
        }
    }

    private static Map<String, Integer> states(Statement sql) throws Exception {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        try (ResultSet rows = sql.executeQuery("SELECT state, COUNT(*) FROM edakit_saga GROUP BY state")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The saga's participants (not a configuration class: component scanning of the other tests'
     * application leaves it out). Charging a start whose body is "decline" fails: its saga is compensated.
     */
    static class SagaParticipants {
        @Bean
        RouteBuilder participants() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:reserve").log("reserve ${header.EdakitSagaId}");
                    from("direct:release").log("release ${header.EdakitSagaId}");
                    from("direct:charge").filter(body().isEqualTo("decline"))
                            .throwException(new IllegalStateException("card declined"));
                }
            };
        }
    }
}
