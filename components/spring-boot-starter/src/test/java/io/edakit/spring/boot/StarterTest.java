package io.edakit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.edakit.config.SettingException;
import io.edakit.jdbc.StoreDataSource;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The starter in a Boot application: edakit.* from Boot's properties, an idempotent-consumer
 * template instance from camel.routetemplate.config on the embedded broker, its keys in the
 * application's DataSource, the health indicator, and start-up failures for bad configuration.
 */
class StarterTest {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start(String... more) throws IOException {
        String[] base = {
                "--edakit.broker.port=" + freePort(),
                "--edakit.broker.data-dir=" + data.resolve("artemis"),
                "--spring.datasource.url=jdbc:h2:mem:" + data.getFileName() + ";DB_CLOSE_DELAY=-1",
                "--edakit.idempotency.store=jdbc",
                "--camel.routetemplate.config[0].template-id=idempotent-consumer",
                "--camel.routetemplate.config[0].route-id=dedup",
                "--camel.routetemplate.config[0].channel=starter.in",
                "--camel.routetemplate.config[0].handler=direct:handle",
                "--camel.routetemplate.config[0].window=1h",
                "--camel.main.name=starter-test"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return SpringApplication.run(StarterTestApplication.class, args);
    }

    @Test
    @SuppressWarnings("unchecked")
    void templateInstanceFromBootPropertiesKeepsItsKeysInTheApplicationsDataSource() throws IOException {
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getBean(StoreDataSource.BEAN, StoreDataSource.class).createTables()).isTrue();
            ProducerTemplate producer = app.getBean(org.apache.camel.CamelContext.class).createProducerTemplate();
            for (String id : List.of("a", "b", "a", "c", "b")) {
                producer.sendBodyAndHeaders("channel:starter.in", "event " + id, Map.of("ce_id", id));
            }
            List<String> received = app.getBean("received", List.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(javax.sql.DataSource.class));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT COUNT(*) FROM edakit_idempotency_keys WHERE confirmed", Integer.class)).isEqualTo(3));
            assertThat(received).containsExactlyInAnyOrder("event a", "event b", "event c");

            Health health = app.getBean(EdakitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("transport", "artemis");
        }
    }

    @Test
    void withoutCreatingTablesStartUpFailsNamingTheMissingTable() {
        assertThatThrownBy(() -> start("--edakit.spring.create-tables=false").close())
                .rootCause().hasMessageContaining("edakit_idempotency_keys");
    }

    @Test
    void withTheShippedDdlRunByADbaTheStoresStartWithoutCreatingTables() throws Exception {
        String ddl = new String(getClass().getResourceAsStream("/edakit/ddl/h2.sql").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        try (java.sql.Connection dba = java.sql.DriverManager.getConnection(
                "jdbc:h2:mem:" + data.getFileName() + ";DB_CLOSE_DELAY=-1", "sa", ""); java.sql.Statement sql = dba.createStatement()) {
            for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    sql.execute(statement);
                }
            }
        }
        try (ConfigurableApplicationContext app = start("--edakit.spring.create-tables=false")) {
            assertThat(app.getBean(StoreDataSource.BEAN, StoreDataSource.class).createTables()).isFalse();
            ProducerTemplate producer = app.getBean(org.apache.camel.CamelContext.class).createProducerTemplate();
            for (String id : List.of("x", "x", "y")) {
                producer.sendBodyAndHeaders("channel:starter.in", "event " + id, Map.of("ce_id", id));
            }
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(javax.sql.DataSource.class));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT COUNT(*) FROM edakit_idempotency_keys WHERE confirmed", Integer.class)).isEqualTo(2));
            @SuppressWarnings("unchecked")
            List<String> received = app.getBean("received", List.class);
            assertThat(received).containsExactlyInAnyOrder("event x", "event y");
        }
    }

    @Test
    void anUnknownKeyStopsStartUpWithTheClosestDeclaredOne() {
        assertThatThrownBy(() -> start("--edakit.idempotency.stor=jdbc").close())
                .rootCause().hasMessageContaining("edakit.idempotency.stor").hasMessageContaining("edakit.idempotency.store");
    }

    @Test
    void templateParametersAreCheckedAndMustBeCamelCase() {
        assertThatThrownBy(() -> start("--camel.routetemplate.config[0].log-duplicates=true").close())
                .rootCause().hasMessageContaining("camel.routetemplate.config[0].log-duplicates")
                .hasMessageContaining("camel.routetemplate.config[0].logDuplicates");
        assertThatThrownBy(() -> start("--camel.routetemplate.config[0].windw=1h").close())
                .rootCause().hasMessageContaining("unknown parameter of template idempotent-consumer")
                .hasMessageContaining("'window'");
        assertThatThrownBy(() -> start("--camel.routetemplate.config[0].window=2 sec").close())
                .rootCause().hasMessageContaining("camel.routetemplate.config[0].window");
    }

    @Test
    void aBadValueStopsStartUpNamingItsKey() {
        assertThatThrownBy(() -> start("--edakit.kafka.partitions=none").close())
                .rootCause().hasMessageContaining("edakit.kafka.partitions");
    }

    @Test
    void theOperatorApiRefusesToStartWithoutATokenOfItsOwn() {
        assertThatThrownBy(() -> start("--edakit.spring.operator-api=true").close())
                .rootCause().isInstanceOf(SettingException.class)
                .hasMessageStartingWith("edakit.http.token: required with edakit.spring.operator-api=true")
                .hasMessageContaining("at least 16 characters").hasMessageContaining("EDAKIT_HTTP_TOKEN");
        assertThatThrownBy(() -> start("--edakit.spring.operator-api=true", "--edakit.http.token=fifteen-chars!!").close())
                .rootCause().isInstanceOf(SettingException.class)
                .hasMessageStartingWith("edakit.http.token: expected at least 16 characters")
                .hasMessageContaining("commandLineArgs").hasMessageNotContaining("fifteen-chars");
        // the check runs before Camel starts: nothing of edakit's broker was created
        assertThat(data.resolve("artemis")).doesNotExist();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
