package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.edakit.testing.FatJar;

/**
 * {@code java -jar edakit.jar workflow validate|graph|test} run as operators run it, in a child JVM,
 * on a definition written as the Step Functions console exports it (Lambda and SQS ARNs as
 * resources): stdout JSON and exit codes checked.
 */
class WorkflowCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @TempDir
    static Path directory;

    @BeforeAll
    static void copyDefinitions() throws IOException {
        for (String name : List.of("order-from-aws.asl.json", "order.json", "inventory-ok.json", "payment-ok.json",
                "sqs-sent.json", "broken.asl.json", "items-map.asl.json")) {
            try (InputStream in = WorkflowCliIT.class.getResourceAsStream("/workflow/" + name)) {
                Files.copy(in, directory.resolve(name));
            }
        }
    }

    private static FatJar.Outcome edakit(String... args) throws Exception {
        return FatJar.run(directory, LIMIT, args);
    }

    @Test
    void validateAcceptsTheAwsDefinitionAndNamesTheProblemOfABrokenOne() throws Exception {
        FatJar.Outcome valid = edakit("workflow", "validate", "order-from-aws.asl.json");
        assertThat(valid.exitCode()).as(valid.stderr()).isZero();
        assertThat(valid.stdout().strip()).isEqualTo("valid: order-from-aws.asl.json (7 states)");

        FatJar.Outcome broken = edakit("workflow", "validate", "broken.asl.json");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.stderr().strip()).isEqualTo(
                "broken.asl.json: state 'A' at /States/A/Next: names a missing state 'Nowhere'");

        FatJar.Outcome missing = edakit("workflow", "validate", "nothing-here.json");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr().strip()).isEqualTo("nothing-here.json: no such file");
    }

    @Test
    void testRunsTheAwsDefinitionWithMockedArnsToSuccess() throws Exception {
        FatJar.Outcome run = edakit("workflow", "test", "order-from-aws.asl.json", "--input", "order.json",
                "--mock", "Check inventory=@inventory-ok.json", "--mock", "Pay=error:Payment.Busy:try again",
                "--mock", "Pay=@payment-ok.json", "--mock", "Ship=@sqs-sent.json", "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode document = JSON.readTree(run.stdout());
        assertThat(document.get("status").textValue()).isEqualTo("SUCCEEDED");
        assertThat(document.get("error").isNull()).isTrue();
        assertThat(document.get("output")).isEqualTo(JSON.readTree(
                "{\"orderId\":\"o-42\",\"total\":99.5,\"inStock\":true,\"payment\":{\"paymentId\":\"p-7\"}}"));
        List<String> names = new ArrayList<>();
        document.get("states").forEach(state -> names.add(state.get("name").textValue()));
        assertThat(names).containsExactly("Check inventory", "In stock?", "Pay", "Ship");
        JsonNode check = document.get("states").get(0);
        assertThat(check.get("input")).isEqualTo(JSON.readTree(Files.readString(directory.resolve("order.json"))));
        assertThat(check.get("output")).isEqualTo(JSON.readTree(Files.readString(directory.resolve("inventory-ok.json"))).get("Payload"));
        // one retry of Pay after 2 s: virtual time, not waited for
        assertThat(document.get("virtualSeconds").doubleValue()).isEqualTo(2.0);
    }

    @Test
    void aCaughtFailureTakesTheFraudReviewPath() throws Exception {
        FatJar.Outcome run = edakit("workflow", "test", "order-from-aws.asl.json", "--input", "order.json",
                "--mock", "Check inventory=@inventory-ok.json", "--mock", "Pay=error:States.Timeout",
                "--mock", "Fraud review=@sqs-sent.json", "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode document = JSON.readTree(run.stdout());
        assertThat(document.get("output").get("error")).isEqualTo(JSON.readTree("{\"Error\":\"States.Timeout\"}"));
        JsonNode pay = document.get("states").get(2);
        assertThat(pay.get("name").textValue()).isEqualTo("Pay");
        assertThat(pay.get("error").textValue()).isEqualTo("States.Timeout");
        assertThat(document.get("states").get(3).get("name").textValue()).isEqualTo("Fraud review");
    }

    @Test
    void aFailedExecutionExitsOneWithErrorAndCause() throws Exception {
        FatJar.Outcome run = edakit("workflow", "test", "order-from-aws.asl.json", "--input", "order.json",
                "--mock", "Check inventory={\"Payload\":{\"orderId\":\"o-42\",\"inStock\":false}}", "--json");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode document = JSON.readTree(run.stdout());
        assertThat(document.get("status").textValue()).isEqualTo("FAILED");
        assertThat(document.get("output").isNull()).isTrue();
        assertThat(document.get("error").textValue()).isEqualTo("Order.OutOfStock");
        assertThat(document.get("cause").textValue()).isEqualTo("order o-42 is out of stock");
        assertThat(run.stderr().strip()).isEqualTo(
                "order-from-aws.asl.json: execution FAILED: Order.OutOfStock: order o-42 is out of stock");
    }

    @Test
    void badArgumentsAndUnmockedTasksExitTwoWithOneLine() throws Exception {
        FatJar.Outcome unmocked = edakit("workflow", "test", "order-from-aws.asl.json", "--input", "order.json");
        assertThat(unmocked.exitCode()).isEqualTo(2);
        assertThat(unmocked.stderr().strip()).isEqualTo(
                "no --mock for Task state 'Check inventory' (give --mock Check inventory=@output.json)");

        FatJar.Outcome badMock = edakit("workflow", "test", "order-from-aws.asl.json", "--mock", "Pay");
        assertThat(badMock.exitCode()).isEqualTo(2);
        assertThat(badMock.stderr().lines().count()).isEqualTo(1);

        FatJar.Outcome badInput = edakit("workflow", "test", "order-from-aws.asl.json", "--input", "broken-input.json");
        assertThat(badInput.exitCode()).isEqualTo(2);
        assertThat(badInput.stderr()).startsWith("--input broken-input.json: cannot read");
    }

    @Test
    void graphDrawsMermaidDotAndSvg() throws Exception {
        FatJar.Outcome mermaid = edakit("workflow", "graph", "order-from-aws.asl.json");
        assertThat(mermaid.exitCode()).isZero();
        assertThat(mermaid.stdout()).startsWith("flowchart TD").contains("{\"In stock?<br/><i>Choice</i>\"}")
                .contains("-. \"States.ALL\" .->");
        FatJar.Outcome dot = edakit("workflow", "graph", "order-from-aws.asl.json", "--format", "dot");
        assertThat(dot.exitCode()).isZero();
        assertThat(dot.stdout()).startsWith("digraph workflow {").contains("shape=diamond").endsWith("}\n");
        FatJar.Outcome svg = edakit("workflow", "graph", "order-from-aws.asl.json", "--format", "svg");
        assertThat(svg.exitCode()).isZero();
        assertThat(svg.stdout()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"workflow-graph\"")
                .contains("<style>").contains("data-state=\"In stock?\"").contains("class=\"edge caught\"")
                .endsWith("</svg>\n");
        FatJar.Outcome png = edakit("workflow", "graph", "order-from-aws.asl.json", "--format", "png");
        assertThat(png.exitCode()).isEqualTo(2);
        assertThat(png.stderr()).startsWith("--format png: expected mermaid, dot or svg");
    }

    @Test
    void aMapOfOneHundredThousandItemsRunsIn256Megabytes() throws Exception {
        ObjectNode input = JSON.createObjectNode().put("batch", "b-1");
        ArrayNode items = input.putArray("items");
        for (int i = 0; i < 100_000; i++) {
            items.addObject().put("sku", "sku-" + i).put("qty", i % 7);
        }
        JSON.writeValue(directory.resolve("items.json").toFile(), input);
        Path out = directory.resolve("map-stdout.json");
        Path err = directory.resolve("map-stderr.txt");
        Process process = new ProcessBuilder(FatJar.command(List.of("-Xmx256m"),
                "workflow", "test", "items-map.asl.json", "--input", "items.json", "--mock", "Reserve={\"ok\":true}",
                "--trace", "top", "--json")).directory(directory.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)).as("finished within " + LIMIT).isTrue();
        assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        JsonNode document = JSON.readTree(out.toFile());
        assertThat(document.get("status").textValue()).isEqualTo("SUCCEEDED");
        assertThat(document.get("output")).isEqualTo(JSON.readTree(
                "{\"count\":100000,\"first\":\"sku-0\",\"last\":\"sku-99999\"}"));
        assertThat(document.get("states")).hasSize(1);
    }
}
