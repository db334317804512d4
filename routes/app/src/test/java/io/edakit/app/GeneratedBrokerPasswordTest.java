package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edakit.testing.Cli;
import io.edakit.testing.FreePorts;
import io.edakit.testing.TestApp;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no broker password configured, the embedded broker generates one, keeps it readable by its
 * owner only beside its journal and uses it again after a restart; a plain JMS client needs it, and
 * the dlq command finds it by itself.
 */
@Timeout(120)
class GeneratedBrokerPasswordTest {

    @TempDir
    Path dir;

    @Test
    void theBrokerGeneratesAPasswordKeepsItAndTheCommandLineUsesIt() throws Exception {
        int brokerPort = FreePorts.next();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.broker.port", String.valueOf(brokerPort));
        config.put("edakit.broker.data-dir", dir.resolve("data/artemis").toString());
        Path file = dir.resolve("data/artemis/broker-password");

        String password;
        try (TestApp app = TestApp.start(dir, "broker", config)) {
            password = Files.readString(file).trim();
            assertThat(password).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo("edakit");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
                    .as("the data directory it created").isEqualTo("rwx------");

            ActiveMQConnectionFactory jms = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
            assertThatThrownBy(() -> jms.createConnection("edakit", "edakit").close())
                    .as("the former default password").isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> jms.createConnection("edakit", null).close()).isInstanceOf(JMSSecurityException.class);
            try (Connection connection = jms.createConnection("edakit", password)) {
                connection.start();
            }
            assertThat(cli("dlq", "list", "--config", app.configFile().toString())).contains("CHANNEL");
        }

        try (TestApp restarted = TestApp.start(dir, "broker", config)) {
            assertThat(Files.readString(file).trim()).as("kept across restarts").isEqualTo(password);
            assertThat(cli("dlq", "list", "--config", restarted.configFile().toString())).contains("CHANNEL");
        }
    }

    @Test
    void theCommandLineSaysWhereItLookedWhenNoBrokerGeneratedAPassword() {
        Path config = TestApp.writeProperties(dir.resolve("client.properties"), Map.of(
                "edakit.broker.port", String.valueOf(FreePorts.next()),
                "edakit.broker.data-dir", dir.resolve("nowhere").toString()));
        Cli.Outcome outcome = Cli.run("dlq", "list", "--config", config.toString());
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).contains("edakit.broker.password is not set")
                .contains(dir.resolve("nowhere").resolve("broker-password").toString());
        assertThat(dir.resolve("nowhere")).as("a client creates no password").doesNotExist();
    }

    private static String cli(String... args) {
        Cli.Outcome outcome = Cli.run(args);
        assertThat(outcome.exitCode()).as("exit code; stderr: " + outcome.err()).isZero();
        return outcome.out();
    }
}
