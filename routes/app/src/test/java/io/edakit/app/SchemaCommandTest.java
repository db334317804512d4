package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.edakit.app.cli.EdakitCli;
import io.edakit.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code edakit schema check}, run in-process against the sample schemas in config/schemas. */
class SchemaCommandTest {

    private static final String SAMPLES = Path.of("..", "config", "schemas").toString();

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

    private Path file(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void aValidPayloadExitsWithZero() throws Exception {
        Path sample = file("order.json", """
                {"orderId": 42, "kind": "physical", "amount": 19.9, "currency": "EUR"}""");
        Outcome outcome = execute("schema", "check", sample.toString(), "--type", "order.created", "--schema-dir", SAMPLES);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).startsWith("valid").contains("order.created version 2");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void everyViolationIsOneLineAndTheExitCodeIsTwo() throws Exception {
        Path sample = file("order.json", """
                {"orderId": 4.2, "kind": "boxed", "amount": -1, "customer": {"id": 7}}""");
        Outcome outcome = execute("schema", "check", sample.toString(), "--type", "order.created", "--schema-dir", SAMPLES);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().lines()).hasSize(5)
                .anySatisfy(line -> assertThat(line).startsWith("$.orderId: "))
                .anySatisfy(line -> assertThat(line).startsWith("$.kind: "))
                .anySatisfy(line -> assertThat(line).startsWith("$.amount: "))
                .anySatisfy(line -> assertThat(line).startsWith("$.customer.id: "))
                .anySatisfy(line -> assertThat(line).startsWith("$: ").contains("currency"));
    }

    @Test
    void theDataSchemaPicksTheVersion() throws Exception {
        Path withoutCurrency = file("order.json", """
                {"orderId": 42, "kind": "digital", "amount": 0}""");
        assertThat(execute("schema", "check", withoutCurrency.toString(), "--type", "order.created",
                "--schema-dir", SAMPLES).exitCode()).isEqualTo(2);
        Outcome v1 = execute("schema", "check", withoutCurrency.toString(), "--type", "order.created",
                "--dataschema", "https://schemas.edakit.io/order.created/1.json", "--schema-dir", SAMPLES);
        assertThat(v1.exitCode()).isZero();
        assertThat(v1.out()).contains("order.created version 1");
    }

    @Test
    void aStructuredEventBringsItsTypeAndDataSchema() throws Exception {
        Path event = file("event.json", """
                {"specversion": "1.0", "id": "e-1", "source": "/shop", "type": "order.created",
                 "dataschema": "https://schemas.edakit.io/order.created/1.json",
                 "data": {"orderId": 42, "kind": "digital", "amount": 0}}""");
        Outcome outcome = execute("schema", "check", event.toString(), "--structured", "--schema-dir", SAMPLES);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("order.created version 1");

        Path noId = file("no-id.json", """
                {"specversion": "1.0", "source": "/shop", "type": "order.created", "data": {}}""");
        Outcome invalid = execute("schema", "check", noId.toString(), "--structured", "--schema-dir", SAMPLES);
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("lacks mandatory attribute(s): id");
    }

    @Test
    void aTypeWithoutSchemaIsInvalid() throws Exception {
        Path sample = file("order.json", "{}");
        Outcome outcome = execute("schema", "check", sample.toString(), "--type", "order.cancelled", "--schema-dir", SAMPLES);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err().lines()).singleElement().asString()
                .startsWith("ce_type: no schema for event type 'order.cancelled'");
    }

    @Test
    void theSchemaDirectoryComesFromTheConfiguration() throws Exception {
        file("schemas/ping.json", "{\"type\": \"object\", \"required\": [\"at\"]}");
        Path config = TestApp.writeProperties(dir.resolve("app.properties"),
                Map.of("edakit.schema.directory", dir.resolve("schemas").toString()));
        Path sample = file("ping.json", "{}");
        Outcome outcome = execute("schema", "check", sample.toString(), "--type", "ping", "--config", config.toString());
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("required property 'at' not found");
    }

    @Test
    void problemsThatStopTheCheckAreNamed() throws Exception {
        Path broken = file("schemas/ping.json", "{\"type\": ");
        Path sample = file("ping.json", "{}");
        Outcome badSchema = execute("schema", "check", sample.toString(), "--type", "ping",
                "--schema-dir", dir.resolve("schemas").toString());
        assertThat(badSchema.exitCode()).isEqualTo(1);
        assertThat(badSchema.err()).contains(broken.toString()).contains("not valid JSON");

        Outcome missingFile = execute("schema", "check", dir.resolve("absent.json").toString(), "--type", "ping",
                "--schema-dir", SAMPLES);
        assertThat(missingFile.exitCode()).isEqualTo(1);
        assertThat(missingFile.err()).contains("absent.json");

        Outcome noType = execute("schema", "check", sample.toString(), "--schema-dir", SAMPLES);
        assertThat(noType.exitCode()).isEqualTo(2);
        assertThat(noType.err()).contains("--type");
    }
}
