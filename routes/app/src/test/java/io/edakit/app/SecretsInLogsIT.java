package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.edakit.testing.FatJar;
import io.edakit.testing.FreePorts;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as operators run it, with secrets in every place a configuration holds them: its whole
 * output, Camel's start-up included, shows none of them, nor the password and token it generated.
 */
class SecretsInLogsIT {

    @TempDir
    Path dir;

    @Test
    void noSecretReachesTheLog() throws Exception {
        int httpPort = FreePorts.next();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.broker.port", String.valueOf(FreePorts.next()));
        config.put("camel.server.port", String.valueOf(httpPort));
        config.put("camel.management.port", String.valueOf(httpPort));
        config.put("edakit.saga.jdbc-url", "jdbc:h2:file:./data/saga;AUTO_SERVER=TRUE");
        config.put("edakit.saga.jdbc-user", "sa");
        config.put("edakit.saga.jdbc-password", "JDBC-SECRET-1");
        config.put("edakit.kafka.properties.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"JAAS-SECRET-3\";");
        config.put("camel.route-template[orders].template-id", "saga");
        config.put("camel.route-template[orders].saga", "order");
        config.put("camel.route-template[orders].from", "platform-http:/orders");
        config.put("camel.route-template[orders].steps", "reserve=log:reserve|log:release");
        config.put("camel.route-template[billing].template-id", "point-to-point");
        config.put("camel.route-template[billing].channel", "billing");
        config.put("camel.route-template[billing].handler",
                "http://127.0.0.1:1/bill?authMethod=Basic&authUsername=biller&authPassword=URI-SECRET-2");
        Path file = TestApp.writeProperties(dir.resolve("app.properties"), config);
        Path log = dir.resolve("app.log");

        // broker password and operator token not configured: generated under ./data of the working directory
        Process app = FatJar.start(dir, log, "run", "--config", file.toString(),
                "--set", "edakit.idempotency.jdbc-password=SET-SECRET-4");
        String base = "http://127.0.0.1:" + httpPort;
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> HttpCalls.get(base + "/observe/health/ready").statusCode() == 200);
            assertThat(HttpCalls.post(base + "/orders", "{\"order\": 1}").statusCode()).isEqualTo(202);
        } finally {
            app.destroy();
        }
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String output = Files.readString(log);
        String brokerPassword = Files.readString(dir.resolve("data/artemis/broker-password")).trim();
        String token = Files.readString(dir.resolve("data/http-token")).trim();
        for (String secret : List.of("JDBC-SECRET-1", "URI-SECRET-2", "JAAS-SECRET-3", "SET-SECRET-4", brokerPassword,
                token)) {
            assertThat(output).as("the log shows a secret").doesNotContain(secret);
        }
        // the configuration is still shown, only masked
        assertThat(output).contains("Configuration (secrets masked)")
                .contains("edakit.saga.jdbc-password = ******")
                .contains("[--set] edakit.idempotency.jdbc-password = ******")
                .contains("authUsername=xxxxxx&authPassword=xxxxxx")
                .contains("Generated the broker password into ./data/artemis/broker-password")
                .contains("Generated the operator token into ./data/http-token")
                .doesNotContain("Auto-configuration summary").doesNotContain("Property-placeholders summary");
    }
}
