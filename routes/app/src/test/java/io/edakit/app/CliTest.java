package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.edakit.app.cli.EdakitCli;
import io.edakit.app.config.SettingGroups;
import io.edakit.routes.catalog.CatalogPrinter;
import io.edakit.routes.catalog.TemplateCatalog;
import io.edakit.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = EdakitCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    @Test
    void validateAcceptsAGoodFile() {
        Outcome outcome = execute("validate", "--config", "../config/point-to-point.properties");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("Configuration is valid");
    }

    @Test
    void validateReadsASagaDefinitionAndNamesTheFileAndEntryOfAProblem() throws Exception {
        // the shipped file names its definition relative to the repository root, where the quick start runs
        Path shipped = dir.resolve("shipped-saga.properties");
        Files.writeString(shipped, Files.readString(Path.of("../config/saga.properties"))
                .replace("=config/order-saga.yaml", "=../config/order-saga.yaml"));
        Outcome good = execute("validate", "--config", shipped.toString());
        assertThat(good.err()).isEmpty();
        assertThat(good.exitCode()).isZero();

        Path definition = dir.resolve("broken-saga.yaml");
        Files.writeString(definition, "steps:\n  - id: reserve\n    action: direct:reserve\n  - id: charge\n    retries: 2\n");
        Path bad = TestApp.writeProperties(dir.resolve("saga.properties"), Map.of(
                "camel.route-template[orders].template-id", "saga",
                "camel.route-template[orders].saga", "order",
                "camel.route-template[orders].from", "platform-http:/orders",
                "camel.route-template[orders].definition", definition.toString()));
        Outcome outcome = execute("validate", "--config", bad.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains(bad.toString()).contains("camel.route-template[orders].definition")
                .contains(definition + ": steps[1].action must be a non-empty string");

        Path neither = TestApp.writeProperties(dir.resolve("neither.properties"), Map.of(
                "camel.route-template[orders].template-id", "saga",
                "camel.route-template[orders].saga", "order",
                "camel.route-template[orders].from", "platform-http:/orders"));
        assertThat(execute("validate", "--config", neither.toString()).err())
                .contains("'definition' or 'steps': give exactly one of them");
    }

    @Test
    void validatePrintsOneLinePerProblemAndExitsWithTwo() {
        Path bad = TestApp.writeProperties(dir.resolve("bad.properties"), Map.of(
                "camel.route-template[orders].template-id", "point-to-point",
                "camel.route-template[orders].channel", "orders",
                "camel.route-template[orders].handler", "log:x",
                "camel.route-template[orders].concurrent-consumers", "many",
                "edakit.broker.password", "s3cr3t-value",
                "edakit.broker.prot", "1"));
        Outcome outcome = execute("validate", "--config", bad.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().lines()).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("invalid configuration: " + bad))
                .anySatisfy(line -> assertThat(line).contains("concurrent-consumers: expected an integer, got 'many'"))
                .anySatisfy(line -> assertThat(line).contains("edakit.broker.prot: unknown edakit setting; did you mean 'edakit.broker.port'"));
        assertThat(outcome.err() + outcome.out()).doesNotContain("s3cr3t-value");
    }

    @Test
    void runRefusesAnInvalidConfigurationBeforeStartingAnything() {
        Path bad = TestApp.writeProperties(dir.resolve("bad.properties"),
                Map.of("camel.route-template[x].template-id", "nope"));
        Outcome outcome = execute("run", "--config", bad.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("unknown template 'nope'");
    }

    @Test
    void missingConfigurationFileIsNamed() {
        Outcome outcome = execute("validate", "--config", dir.resolve("absent.properties").toString());
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).contains("absent.properties");
    }

    @Test
    void catalogListsEveryTemplateAndParameter() {
        Outcome text = execute("catalog");
        assertThat(text.exitCode()).isZero();
        TemplateCatalog.all().forEach(template -> {
            assertThat(text.out()).contains(template.id());
            template.parameters().forEach(parameter -> assertThat(text.out()).contains(parameter.name()));
        });
        Outcome json = execute("catalog", "--format", "json");
        assertThat(json.out()).contains("\"id\": \"point-to-point\"").contains("\"name\": \"concurrent-consumers\"");
    }

    @Test
    void theCatalogPageInDocsIsUpToDate() throws Exception {
        String committed = Files.readString(Path.of("..", "docs", "catalog.md"));
        assertThat(committed)
                .as("docs/catalog.md is generated: java -jar routes/target/edakit.jar catalog --format markdown > docs/catalog.md")
                .isEqualTo(CatalogPrinter.markdown(SettingGroups.ALL));
    }
}
