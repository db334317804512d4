package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.edakit.app.config.ConfigFileException;
import io.edakit.app.config.ConfigProblem;
import io.edakit.app.config.ConfigValidator;
import io.edakit.app.config.LoadedConfig;
import io.edakit.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the configuration check finds beyond types: the values' ranges, the files, expressions and
 * endpoint components they name, settings that need each other. Each problem is one line naming
 * the file, the key and what is expected, as {@code run} reports it before anything starts.
 */
class ConfigValidatorContentTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("app.properties");
    }

    private List<ConfigProblem> validate(Map<String, String> properties) throws IOException {
        return new ConfigValidator().validate(LoadedConfig.fromFiles(List.of(TestApp.writeProperties(file(), properties))));
    }

    private static Map<String, String> instance(String name, String template, String... parameters) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("camel.route-template[" + name + "].template-id", template);
        for (int i = 0; i < parameters.length; i += 2) {
            config.put("camel.route-template[" + name + "]." + parameters[i], parameters[i + 1]);
        }
        return config;
    }

    /** The single problem of {@code properties}, as the CLI prints it (after "invalid configuration: "). */
    private String onlyProblem(Map<String, String> properties) throws IOException {
        List<ConfigProblem> problems = validate(properties);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).file()).isEqualTo(file().toString());
        assertThat(problems.get(0).toString()).doesNotContain("\n");
        return problems.get(0).key() + ": " + problems.get(0).message();
    }

    @Test
    void negativeAndOutOfRangeNumbersAndPortsAreRefusedWithTheirRange() throws IOException {
        Map<String, String> config = instance("orders", "point-to-point", "channel", "orders", "handler", "log:x",
                "concurrent-consumers", "0", "max-in-flight", "-1", "jitter", "1", "backoff-multiplier", "0.5",
                "rate-limit", "-3", "max-redeliveries", "99999999999");
        config.put("edakit.broker.port", "70000");
        config.put("edakit.kafka.partitions", "0");
        config.put("camel.server.port", "-1");
        config.put("camel.management.port", "http");
        assertThat(validate(config)).extracting(p -> p.key() + ": " + p.message()).containsExactlyInAnyOrder(
                "camel.route-template[orders].concurrent-consumers: expected an integer of at least 1, got '0'",
                "camel.route-template[orders].max-in-flight: expected an integer of at least 0, got '-1'",
                "camel.route-template[orders].jitter: expected a number from 0 up to (not including) 1, got '1'",
                "camel.route-template[orders].backoff-multiplier: expected a number from 1 to 1000, got '0.5'",
                "camel.route-template[orders].rate-limit: expected a number of at least 0, got '-3'",
                "camel.route-template[orders].max-redeliveries: expected an integer of at least 0, got '99999999999'",
                "edakit.broker.port: expected an integer from 0 to 65535, got '70000'",
                "edakit.kafka.partitions: expected an integer of at least 1, got '0'",
                "camel.server.port: expected an integer from 0 to 65535, got '-1'",
                "camel.management.port: expected an integer, got 'http'");
    }

    @Test
    void routerRulesAreCompiledAsTheRouterWould() throws IOException {
        assertThat(onlyProblem(instance("r", "sender-router", "from", "direct:in",
                "rules", "${header.kind} == 'a' -> orders.a; orders.b")))
                .isEqualTo("camel.route-template[r].rules: router rule 'orders.b' is not '<predicate> -> <channel>'");
        assertThat(onlyProblem(instance("r", "sender-router", "from", "direct:in",
                "rules", "${headr.kind} == 'a' -> orders.a")))
                .startsWith("camel.route-template[r].rules: router rule '${headr.kind} == 'a' -> orders.a': "
                        + "invalid simple predicate:");
        assertThat(onlyProblem(instance("r", "sender-router", "from", "direct:in",
                "rules", "jsonpath:$[?(@.kind == -> orders.a")))
                .startsWith("camel.route-template[r].rules: router rule 'jsonpath:$[?(@.kind == -> orders.a': "
                        + "invalid jsonpath predicate:");
        assertThat(onlyProblem(instance("r", "sender-router", "from", "direct:in",
                "rules", "true -> orders", "unmatched", "default")))
                .isEqualTo("camel.route-template[r].default-channel: required when unmatched=default");
    }

    @Test
    void eventBusRulesFilesAreReadAndCompiled() throws IOException {
        Path missing = dir.resolve("missing.yaml");
        assertThat(onlyProblem(instance("bus", "event-bus", "channel", "events", "rules-file", missing.toString())))
                .startsWith("camel.route-template[bus].rules-file: " + missing + ": event bus rules file not found");

        Path malformed = Files.writeString(dir.resolve("malformed.yaml"), "rules: [ { name: a, pattern: {\n");
        assertThat(onlyProblem(instance("bus", "event-bus", "channel", "events", "rules-file", malformed.toString())))
                .startsWith("camel.route-template[bus].rules-file: " + malformed + ": not valid YAML");

        Path badOperator = Files.writeString(dir.resolve("operator.yaml"), """
                rules:
                  - name: a
                    pattern: { type: [ { prefixx: "order." } ] }
                    targets: [audit]
                unmatched: drop
                """);
        assertThat(onlyProblem(instance("bus", "event-bus", "channel", "events", "rules-file", badOperator.toString())))
                .startsWith("camel.route-template[bus].rules-file: " + badOperator).contains("prefixx");

        Path unknownTarget = Files.writeString(dir.resolve("target.yaml"), """
                rules:
                  - name: a
                    pattern: { type: [order.created] }
                    targets: [audit, "htpp://billing.internal/orders"]
                unmatched: drop
                """);
        assertThat(onlyProblem(instance("bus", "event-bus", "channel", "events", "rules-file", unknownTarget.toString())))
                .isEqualTo("camel.route-template[bus].rules-file: " + unknownTarget + ": rule 'a': target "
                        + "'htpp://billing.internal/orders': unknown endpoint scheme 'htpp' in "
                        + "'htpp://billing.internal/orders': no Camel component of that name is on the classpath; "
                        + "did you mean 'http'?");
    }

    @Test
    void endpointSchemesMustNameAComponentOnTheClasspathOrADeclaredBean() throws IOException {
        assertThat(onlyProblem(instance("orders", "point-to-point", "channel", "orders", "handler", "lgo:orders")))
                .isEqualTo("camel.route-template[orders].handler: unknown endpoint scheme 'lgo' in 'lgo:orders': "
                        + "no Camel component of that name is on the classpath; did you mean 'log'?");
        assertThat(onlyProblem(instance("in", "ingress", "channel", "orders", "from", "platfrom-http:/orders")))
                .contains("[in].from: unknown endpoint scheme 'platfrom-http'").endsWith("did you mean 'platform-http'?");
        assertThat(onlyProblem(instance("o", "saga", "saga", "order", "from", "direct:start",
                "steps", "reserve=direct:reserve|direct:release; charge=bean2:payments|direct:refund")))
                .isEqualTo("camel.route-template[o].steps: step 'charge' action: unknown endpoint scheme 'bean2' in "
                        + "'bean2:payments': no Camel component of that name is on the classpath; did you mean 'bean'?");

        Map<String, String> ownComponent = instance("orders", "point-to-point", "channel", "orders",
                "handler", "acme:orders");
        ownComponent.put("camel.beans.acme", "#class:com.example.AcmeComponent");
        assertThat(validate(ownComponent)).as("a component the configuration binds as a bean").isEmpty();
    }

    @Test
    void simpleExpressionsMustCompile() throws IOException {
        assertThat(onlyProblem(instance("p", "idempotent-consumer", "channel", "payments", "handler", "log:p",
                "key", "${header.ce_id")))
                .startsWith("camel.route-template[p].key: not a valid simple expression:");
        assertThat(onlyProblem(instance("in", "ingress", "channel", "orders", "from", "direct:in",
                "ordering-key", "${headr.tenant}")))
                .startsWith("camel.route-template[in].ordering-key: not a valid simple expression:");
    }

    @Test
    void kafkaNeedsBrokersOrTheDevelopmentBroker() throws IOException {
        assertThat(onlyProblem(Map.of("edakit.transport", "kafka")))
                .startsWith("edakit.kafka.bootstrap-servers: required with Kafka")
                .contains("edakit.kafka.embedded=true");
        assertThat(onlyProblem(Map.of("edakit.idempotency.store", "kafka")))
                .startsWith("edakit.kafka.bootstrap-servers: required with Kafka");
        assertThat(validate(Map.of("edakit.transport", "kafka", "edakit.kafka.bootstrap-servers", "k1:9092"))).isEmpty();
        assertThat(validate(Map.of("edakit.transport", "kafka", "edakit.kafka.embedded", "true"))).isEmpty();
    }

    @Test
    void aSchemaDirectoryMustExistAndHoldValidSchemas() throws IOException {
        Path absent = dir.resolve("schemas");
        assertThat(onlyProblem(Map.of("edakit.schema.directory", absent.toString())))
                .startsWith("edakit.schema.directory: directory " + absent + " does not exist");
        Files.createDirectories(absent);
        Files.writeString(absent.resolve("order.created.json"), "{ not json");
        assertThat(onlyProblem(Map.of("edakit.schema.directory", absent.toString())))
                .startsWith("edakit.schema.directory: ").contains("order.created.json");
        assertThat(onlyProblem(instance("in", "ingress", "channel", "orders", "from", "direct:in",
                "schema-validation", "true")))
                .startsWith("camel.route-template[in].schema-validation: true needs edakit.schema.directory");
    }

    @Test
    void twoListenersOnOnePortAreRefusedButServerAndManagementShareOne() throws IOException {
        assertThat(onlyProblem(Map.of("camel.server.port", "9000", "camel.management.port", "9000",
                "edakit.broker.port", "9000")))
                .isEqualTo("edakit.broker.port: port 9000 is also camel.server.port; expected a port of its own");
        assertThat(validate(Map.of("camel.server.port", "9000", "camel.management.port", "9001"))).isEmpty();
        assertThat(validate(Map.of("edakit.broker.url", "tcp://artemis:61616", "edakit.broker.port", "8080")))
                .as("no embedded broker, no acceptor").isEmpty();
    }

    @Test
    void overridesAndEnvironmentAreCheckedAsTheApplicationReadsThem() throws IOException {
        LoadedConfig files = LoadedConfig.fromFiles(List.of(TestApp.writeProperties(file(), Map.of())));
        assertThat(new ConfigValidator().validate(files.withOverrides(Map.of("edakit.broker.port", "-5"))))
                .singleElement().hasToString("--set: edakit.broker.port: expected an integer from 0 to 65535, got '-5'");

        LoadedConfig environment = files.withEnvironment(List.of("edakit.broker.port", "camel.server.port"),
                Map.of("EDAKIT_BROKER_PORT", "x"), new Properties());
        assertThat(environment.entry("edakit.broker.port")).get()
                .hasToString("environment variable EDAKIT_BROKER_PORT: edakit.broker.port");
        Properties system = new Properties();
        system.setProperty("camel.server.port", "1");
        assertThat(files.withEnvironment(List.of("camel.server.port"), Map.of(), system).value("camel.server.port"))
                .isEqualTo("1");
    }

    @Test
    void camelMainOptionsAreBoundAsCamelMainBindsThem() throws IOException {
        assertThat(validate(Map.of("camel.main.shutdown-timout", "30", "camel.server.prot", "9000",
                "camel.main.routes-include-pattern", "", "camel.main.name", "orders")))
                .extracting(p -> p.key() + ": " + p.message()).containsExactlyInAnyOrder(
                        "camel.main.shutdown-timout: unknown option of Camel Main (camel.main.*); did you mean "
                                + "'shutdown-timeout'?",
                        "camel.server.prot: unknown option of Camel Main (camel.server.*); did you mean 'port'?",
                        "camel.main.routes-include-pattern: expected a value; remove the key to keep the default");
    }

    @Test
    void aMalformedEscapeNamesTheFileAndLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("escape.properties"), "a=1\nb=C:\\users\\me\n");
        assertThatThrownBy(() -> LoadedConfig.fromFiles(List.of(bad))).isInstanceOf(ConfigFileException.class)
                .hasMessage(bad + ": line 2: malformed \\u escape: write \\u followed by four hexadecimal digits, "
                        + "or \\\\ for a backslash");
    }
}
