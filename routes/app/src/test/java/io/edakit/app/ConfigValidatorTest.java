package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.edakit.app.config.ConfigProblem;
import io.edakit.app.config.ConfigValidator;
import io.edakit.app.config.LoadedConfig;
import io.edakit.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidatorTest {

    @TempDir
    Path dir;

    private List<ConfigProblem> validate(Map<String, String> properties) throws IOException {
        Path file = TestApp.writeProperties(dir.resolve("app.properties"), properties);
        return new ConfigValidator().validate(LoadedConfig.fromFiles(List.of(file)));
    }

    private static Map<String, String> goodPointToPoint() {
        return Map.of(
                "camel.route-template[orders].template-id", "point-to-point",
                "camel.route-template[orders].channel", "orders",
                "camel.route-template[orders].handler", "log:orders",
                "camel.route-template[orders].concurrent-consumers", "4",
                "edakit.broker.port", "61616");
    }

    @Test
    void aGoodConfigurationHasNoProblems() throws IOException {
        assertThat(validate(goodPointToPoint())).isEmpty();
    }

    @Test
    void timesAreDurationsAndAProblemIsAValueNamingFileKeyParameterAndExpectation() throws IOException {
        Path file = dir.resolve("app.properties");
        Map<String, String> config = new LinkedHashMap<>(Map.of(
                "camel.route-template[quotes].template-id", "request-reply",
                "camel.route-template[quotes].from", "direct:quotes",
                "camel.route-template[quotes].channel", "quotes",
                "camel.route-template[quotes].timeout", "2s",
                "camel.route-template[orders].template-id", "point-to-point",
                "camel.route-template[orders].channel", "orders",
                "camel.route-template[orders].handler", "log:orders",
                "camel.route-template[orders].redelivery-delay", "250ms",
                "camel.route-template[orders].max-redelivery-delay", "30000"));
        config.put("camel.route-template[bus].template-id", "event-bus");
        config.put("camel.route-template[bus].channel", "events");
        config.put("camel.route-template[bus].rules-file", "../config/event-bus-rules.yaml");
        config.put("camel.route-template[bus].reload-interval", "0");
        assertThat(validate(config)).as("durations, and milliseconds as before").isEmpty();

        config.put("camel.route-template[quotes].timeout", "2 sec");
        config.put("camel.route-template[bus].rules-file", dir.resolve("absent.yaml").toString());
        assertThat(validate(config)).satisfiesExactlyInAnyOrder(
                problem -> assertThat(problem).isEqualTo(new ConfigProblem(file.toString(),
                        "camel.route-template[quotes].timeout", "timeout", "expected a duration such as 500ms, 30s, "
                        + "10m, 2h or 7d (a bare number is milliseconds), got '2 sec'")),
                problem -> {
                    // a problem the template finds in what a value names: reported at the value's key, as a value
                    assertThat(problem.key()).isEqualTo("camel.route-template[bus].rules-file");
                    assertThat(problem.parameter()).isEqualTo("rules-file");
                    assertThat(problem.message()).contains("event bus rules file not found");
                });
    }

    @Test
    void camelCaseSpellingIsAcceptedLikeDashed() throws IOException {
        assertThat(validate(Map.of(
                "camel.routeTemplate[orders].templateId", "point-to-point",
                "camel.routeTemplate[orders].channel", "orders",
                "camel.routeTemplate[orders].handler", "log:orders",
                "camel.routeTemplate[orders].maxInFlight", "16",
                "edakit.broker.dataDir", "/tmp/x"))).isEmpty();
    }

    @Test
    void unknownTemplateSuggestsTheClosest() throws IOException {
        List<ConfigProblem> problems = validate(Map.of("camel.route-template[a].template-id", "point-to-pont"));
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.file()).endsWith("app.properties");
            assertThat(problem.key()).isEqualTo("camel.route-template[a].template-id");
            assertThat(problem.message()).contains("unknown template 'point-to-pont'").contains("did you mean 'point-to-point'");
        });
    }

    @Test
    void unknownParameterSuggestsTheClosestAndMissingRequiredIsNamed() throws IOException {
        List<ConfigProblem> problems = validate(Map.of(
                "camel.route-template[b].template-id", "point-to-point",
                "camel.route-template[b].chanel", "orders",
                "camel.route-template[b].handler", "log:x"));
        assertThat(problems).extracting(ConfigProblem::toString).satisfiesExactlyInAnyOrder(
                unknown -> assertThat(unknown).startsWith(dir.resolve("app.properties") + ": camel.route-template[b]"
                        + ".chanel: unknown parameter of template point-to-point; did you mean 'channel'? parameters: "
                        + "channel, handler, group, concurrent-consumers"),
                missing -> assertThat(missing).isEqualTo(dir.resolve("app.properties") + ": camel.route-template[b]"
                        + ".channel: missing required parameter of template point-to-point: Channel to consume. "
                        + "Example: orders"));
    }

    @Test
    void routeIdIsExplainedNotSilentlyIgnored() throws IOException {
        Map<String, String> config = new java.util.HashMap<>(goodPointToPoint());
        config.put("camel.route-template[orders].route-id", "x");
        assertThat(validate(config)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("the route id is the key in brackets ('orders')"));
    }

    @Test
    void wrongTypesAndEnumValuesAreReported() throws IOException {
        Map<String, String> config = new java.util.HashMap<>(goodPointToPoint());
        config.put("camel.route-template[orders].concurrent-consumers", "four");
        config.put("camel.route-template[orders].rate-limit", "fast");
        config.put("camel.route-template[orders].handler", "not a uri");
        config.put("edakit.transport", "rabbitmq");
        assertThat(validate(config)).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "expected an integer, got 'four'",
                "expected a number, got 'fast'",
                "expected a Camel endpoint URI such as direct:name, got 'not a uri'",
                "expected one of [artemis, kafka], got 'rabbitmq'");
    }

    @Test
    void unknownSettingSuggestsTheClosestAndSecretsAreNeverEchoed() throws IOException {
        List<ConfigProblem> problems = validate(Map.of(
                "edakit.broker.pasword", "hunter2",
                "edakit.brokr.user", "x"));
        assertThat(problems).extracting(ConfigProblem::message)
                .anySatisfy(message -> assertThat(message).contains("did you mean 'edakit.broker.password'"))
                .anySatisfy(message -> assertThat(message).contains("did you mean 'edakit.broker.user'"));
        assertThat(problems.toString()).doesNotContain("hunter2");
    }

    @Test
    void kafkaClientPropertiesPassThroughButMisspeltOnesAreRefused() throws IOException {
        assertThat(validate(Map.of("edakit.kafka.properties.security.protocol", "SASL_SSL"))).isEmpty();
        assertThat(validate(Map.of("edakit.kafka.properties.securty.protocol", "SASL_SSL"))).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("not a Kafka producer, consumer or admin"));
    }

    @Test
    void missingTemplateIdIsReported() throws IOException {
        assertThat(validate(Map.of("camel.route-template[c].channel", "x"))).singleElement()
                .satisfies(problem -> assertThat(problem.toString())
                        .contains("camel.route-template[c].template-id: missing"));
    }

    @Test
    void everyShippedConfigurationFileIsValid() throws IOException {
        Path configDir = Path.of("..", "config");
        try (Stream<Path> files = Files.list(configDir)) {
            List<Path> properties = files.filter(f -> f.toString().endsWith(".properties")).sorted().toList();
            assertThat(properties).hasSizeGreaterThanOrEqualTo(5);
            for (Path file : properties) {
                // shipped files name other files (config/order-saga.yaml) from the repository root, where
                // the quick start runs them; this test runs in routes/
                Path rebased = Files.createTempFile("shipped-", ".properties");
                Files.writeString(rebased, Files.readString(file).replace("=config/",
                        "=" + configDir.toAbsolutePath().normalize() + "/").replace("=file:config/",
                        "=file:" + configDir.toAbsolutePath().normalize() + "/"));
                assertThat(new ConfigValidator().validate(LoadedConfig.fromFiles(List.of(rebased))))
                        .as("problems in %s", file).isEmpty();
                Files.delete(rebased);
            }
        }
        assertThat(new ConfigValidator().validate(LoadedConfig.fromClasspath("edakit-demo.properties"))).isEmpty();
    }

    @Test
    void fairnessValuesAreCheckedBeforeAnythingStarts() throws IOException {
        Map<String, String> config = new java.util.HashMap<>(goodPointToPoint());
        config.put("camel.route-template[orders].fairness-key", "${header.ce_tenant}");
        config.put("camel.route-template[orders].fairness-weights", "gold=3,free=1");
        config.put("camel.route-template[orders].fairness-max-share", "0.5");
        config.put("camel.route-template[orders].fairness-cost", "count");
        config.put("camel.route-template[orders].fairness-priorities", "gold=1");
        assertThat(validate(config)).isEmpty();
        config.put("camel.route-template[orders].fairness-weights", "gold=0");
        assertThat(validate(config)).extracting(ConfigProblem::toString).singleElement().satisfies(
                weights -> assertThat(weights).contains("app.properties: camel.route-template[orders].fairness-weights: "
                        + "expected tenant=weight with a weight more than 0, was 'gold=0'"));
        config.put("camel.route-template[orders].fairness-max-share", "2");
        config.put("camel.route-template[orders].fairness-cost", "time");
        assertThat(validate(config)).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "expected a number from 0.01 to 1, got '2'", "expected one of [handler-time, count], got 'time'");
    }
}
