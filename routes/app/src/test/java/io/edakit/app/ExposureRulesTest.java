package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edakit.testing.Cli;
import io.edakit.testing.FreePorts;
import io.edakit.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port beyond loopback needs credentials chosen by the operator: {@code run} and {@code validate}
 * stop with one line naming the key, exit code 2, before any port or journal is opened.
 */
class ExposureRulesTest {

    @TempDir
    Path dir;

    private Path config(Map<String, String> extra) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.broker.port", String.valueOf(FreePorts.next()));
        config.put("edakit.broker.data-dir", dir.resolve("data/artemis").toString());
        config.put("edakit.http.token-file", dir.resolve("data/http-token").toString());
        int http = FreePorts.next();
        config.put("camel.server.port", String.valueOf(http));
        config.put("camel.management.port", String.valueOf(http));
        config.putAll(extra);
        return TestApp.writeProperties(dir.resolve("app.properties"), config);
    }

    @Test
    void aBrokerBeyondLoopbackWithoutAPasswordStopsRunBeforeAnythingOpens() {
        Path file = config(Map.of());
        Cli.Outcome outcome = Cli.run("run", "--config", file.toString(), "--set", "edakit.broker.host=0.0.0.0");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().lines()).hasSize(1).first().asString()
                .startsWith("invalid configuration: --set: edakit.broker.password: required: the embedded broker "
                        + "listens beyond loopback (edakit.broker.host=0.0.0.0, --set)")
                .contains("EDAKIT_BROKER_PASSWORD");
        assertThat(dir.resolve("data")).as("no journal, no generated secret").doesNotExist();
    }

    @Test
    void aWellKnownBrokerPasswordBeyondLoopbackIsRefusedWithoutBeingEchoed() {
        Path file = config(Map.of("edakit.broker.host", "0.0.0.0", "edakit.broker.password", "Edakit"));
        Cli.Outcome outcome = Cli.run("validate", "--config", file.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(file + ": edakit.broker.password: a well-known password")
                .doesNotContain("Edakit");
        assertThat(Cli.run("validate", "--config", file.toString(), "--set", "edakit.broker.password=Zq8-long-own-secret",
                "--set", "edakit.broker.host=192.0.2.10").exitCode()).isZero();
    }

    @Test
    void anHttpServerBeyondLoopbackNeedsAConfiguredTokenOfSixteenCharacters() {
        Path file = config(Map.of("camel.server.host", "0.0.0.0", "camel.management.host", "0.0.0.0"));
        Cli.Outcome missing = Cli.run("validate", "--config", file.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines()).hasSize(1).first().asString()
                .contains(file + ": edakit.http.token: required: the HTTP server listens beyond loopback "
                        + "(camel.server.host=0.0.0.0, " + file + ")").contains("EDAKIT_HTTP_TOKEN");

        Cli.Outcome shortToken = Cli.run("validate", "--config", file.toString(), "--set", "edakit.http.token=short-tok");
        assertThat(shortToken.exitCode()).isEqualTo(2);
        assertThat(shortToken.err()).contains("--set: edakit.http.token: expected at least 16 characters")
                .doesNotContain("short-tok");

        assertThat(Cli.run("validate", "--config", file.toString(), "--set", "edakit.http.token=0123456789abcdef")
                .exitCode()).isZero();
        assertThat(Cli.run("validate", "--config", config(Map.of()).toString()).exitCode())
                .as("loopback needs nothing configured").isZero();
        assertThat(Cli.run("validate", "--config", file.toString(), "--set", "camel.server.host=localhost",
                "--set", "camel.management.host=[::1]").exitCode()).isZero();
    }
}
