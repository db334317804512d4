package io.edakit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.edakit.envelope.EventEnvelope;
import io.edakit.failure.PoisonMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation against the sample schemas shipped in config/schemas (order.created versions 1 and 2). */
class SchemaRegistryTest {

    private static final Path SAMPLES = Path.of("..", "..", "config", "schemas");
    private static final String VALID_V2 = """
            {"orderId": 42, "kind": "physical", "amount": 19.90, "currency": "EUR", "customer": {"id": "c-7"}}""";
    private static final String VALID_V1 = """
            {"orderId": 42, "kind": "digital", "amount": 0}""";

    private static SchemaRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSamples() {
        registry = SchemaRegistry.load(SAMPLES);
    }

    private static EventEnvelope orderCreated() {
        return EventEnvelope.newEvent("/shop", "order.created");
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void loadsTheSampleSchemasWithTheirVersions() {
        assertThat(registry.eventTypes()).containsExactly("order.created");
        assertThat(registry.versions("order.created")).containsExactly(1, 2);
        assertThat(registry.find("order.created", null)).get()
                .satisfies(schema -> assertThat(schema.version()).isEqualTo(2))
                .satisfies(schema -> assertThat(schema.file()).isEqualTo(SAMPLES.resolve("order.created").resolve("2.json")));
    }

    @Test
    void aValidEventHasNoViolations() {
        ValidationResult result = registry.validate(orderCreated(), json(VALID_V2), UnknownTypePolicy.REJECT);
        assertThat(result.valid()).isTrue();
        assertThat(result.violations()).isEmpty();
        assertThat(result.schema()).get().extracting(EventSchema::version).isEqualTo(2);
        result.throwIfInvalid();
    }

    @Test
    void everyViolationIsListedWithItsPath() {
        byte[] body = json("""
                {"orderId": "42", "kind": "boxed", "amount": -1, "customer": {}}""");
        ValidationResult result = registry.validate(orderCreated(), body, UnknownTypePolicy.REJECT);

        assertThat(result.valid()).isFalse();
        assertThat(result.violations()).extracting(SchemaViolation::path)
                .contains("$.orderId", "$.kind", "$.amount", "$.customer", "$");
        assertThat(result.violations()).hasSize(5)
                .anySatisfy(v -> assertThat(v.message()).contains("currency"))
                .anySatisfy(v -> assertThat(v.toString()).startsWith("$.customer: ").contains("id"));

        assertThatThrownBy(result::throwIfInvalid)
                .isInstanceOf(SchemaViolationException.class)
                .isInstanceOf(PoisonMessageException.class)
                .satisfies(e -> {
                    SchemaViolationException violation = (SchemaViolationException) e;
                    assertThat(violation.eventType()).isEqualTo("order.created");
                    assertThat(violation.violations()).isEqualTo(result.violations());
                    // a headline, then one line per violation
                    assertThat(e.getMessage().lines()).hasSize(6).first().asString()
                            .contains("order.created").contains("5 violations");
                    result.violations().forEach(v -> assertThat(e.getMessage().lines()).contains(v.toString()));
                });
    }

    @Test
    void unknownTypeIsRejectedOrAllowedByPolicy() {
        EventEnvelope unknown = EventEnvelope.newEvent("/shop", "order.cancelled");

        ValidationResult rejected = registry.validate(unknown, json("{}"), UnknownTypePolicy.REJECT);
        assertThat(rejected.valid()).isFalse();
        assertThat(rejected.schema()).isEmpty();
        assertThat(rejected.violations()).singleElement()
                .satisfies(v -> assertThat(v.path()).isEqualTo("ce_type"))
                .satisfies(v -> assertThat(v.message()).contains("no schema for event type 'order.cancelled'"));
        assertThatThrownBy(rejected::throwIfInvalid).isInstanceOf(SchemaViolationException.class)
                .hasMessageContaining("order.cancelled");

        ValidationResult allowed = registry.validate(unknown, json("not even json"), UnknownTypePolicy.ALLOW);
        assertThat(allowed.valid()).isTrue();
        assertThat(allowed.schema()).isEmpty();
    }

    @Test
    void anEventWithoutTypeFollowsThePolicyToo() {
        EventEnvelope untyped = orderCreated().withType(null);
        assertThat(registry.validate(untyped, json(VALID_V2), UnknownTypePolicy.REJECT).violations())
                .singleElement().extracting(SchemaViolation::path).isEqualTo("ce_type");
        assertThat(registry.validate(untyped, json(VALID_V2), UnknownTypePolicy.ALLOW).valid()).isTrue();
    }

    @Test
    void dataSchemaSelectsTheVersionAndTheHighestIsTheDefault() {
        byte[] withoutCurrency = json(VALID_V1);

        assertThat(registry.validate(orderCreated(), withoutCurrency, UnknownTypePolicy.REJECT).violations())
                .singleElement().satisfies(v -> assertThat(v.message()).contains("currency"));

        EventEnvelope v1 = orderCreated().withDataSchema("https://schemas.edakit.io/order.created/1.json");
        ValidationResult result = registry.validate(v1, withoutCurrency, UnknownTypePolicy.REJECT);
        assertThat(result.valid()).isTrue();
        assertThat(result.schema()).get().extracting(EventSchema::version).isEqualTo(1);

        EventEnvelope v2 = orderCreated().withDataSchema("urn:shop:order.created:v2");
        assertThat(registry.validate(v2, withoutCurrency, UnknownTypePolicy.REJECT).valid()).isFalse();
    }

    @Test
    void aNamedVersionWithoutSchemaFollowsThePolicy() {
        EventEnvelope v3 = orderCreated().withDataSchema("https://schemas.edakit.io/order.created/3.json");
        assertThat(registry.validate(v3, json(VALID_V2), UnknownTypePolicy.REJECT).violations()).singleElement()
                .satisfies(v -> assertThat(v.path()).isEqualTo("ce_dataschema"))
                .satisfies(v -> assertThat(v.message()).contains("version 3").contains("versions: 1, 2"));
        assertThat(registry.validate(v3, json(VALID_V2), UnknownTypePolicy.ALLOW).valid()).isTrue();
    }

    @Test
    void theVersionADataSchemaNames() {
        assertThat(SchemaRegistry.versionNamedBy("https://schemas.example.com/order.created/2.json")).hasValue(2);
        assertThat(SchemaRegistry.versionNamedBy("https://schemas.example.com/order.created/v12")).hasValue(12);
        assertThat(SchemaRegistry.versionNamedBy("urn:orders:order.created:3")).hasValue(3);
        assertThat(SchemaRegistry.versionNamedBy("/schemas/order.created/2.json#/definitions/x")).hasValue(2);
        assertThat(SchemaRegistry.versionNamedBy("https://schemas.example.com/order.created.json")).isEmpty();
        assertThat(SchemaRegistry.versionNamedBy("https://schemas.example.com/0.json")).isEmpty();
        assertThat(SchemaRegistry.versionNamedBy(null)).isEmpty();
        assertThat(SchemaRegistry.versionNamedBy(" ")).isEmpty();
    }

    @Test
    void aMalformedBodyIsAPoisonMessage() {
        ValidationResult result = registry.validate(orderCreated(), json("{\"orderId\": 42,"), UnknownTypePolicy.REJECT);
        assertThat(result.violations()).singleElement()
                .satisfies(v -> assertThat(v.path()).isEqualTo("$"))
                .satisfies(v -> assertThat(v.message()).startsWith("not valid JSON: ").contains("line 1"));
        assertThatThrownBy(result::throwIfInvalid).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("not valid JSON");

        assertThat(registry.validate(orderCreated(), json(VALID_V2 + " trailing"), UnknownTypePolicy.REJECT).valid()).isFalse();
        assertThat(registry.validate(orderCreated(), new byte[0], UnknownTypePolicy.REJECT).violations())
                .singleElement().extracting(SchemaViolation::message).asString().contains("no payload");
    }

    @Test
    void draft07SchemasAndFormatsAreChecked() throws Exception {
        Files.writeString(dir.resolve("payment.failed.json"), """
                {
                  "$schema": "http://json-schema.org/draft-07/schema#",
                  "type": "object",
                  "required": ["paymentId", "failedAt"],
                  "properties": {
                    "paymentId": {"type": "string", "minLength": 1},
                    "failedAt": {"type": "string", "format": "date-time"},
                    "retries": {"type": "integer", "exclusiveMinimum": 0}
                  },
                  "additionalProperties": false
                }""");
        SchemaRegistry payments = SchemaRegistry.load(dir);
        EventEnvelope failed = EventEnvelope.newEvent("/pay", "payment.failed");

        assertThat(payments.validate(failed, json("""
                {"paymentId": "p-1", "failedAt": "2025-01-31T10:15:30Z", "retries": 1}"""), UnknownTypePolicy.REJECT)
                .valid()).isTrue();
        assertThat(payments.validate(failed, json("""
                {"paymentId": "", "failedAt": "yesterday", "retries": 0, "extra": true}"""), UnknownTypePolicy.REJECT)
                .violations()).extracting(SchemaViolation::path)
                .containsExactlyInAnyOrder("$.paymentId", "$.failedAt", "$.retries", "$");
    }

    @Test
    void asAProcessorItThrowsForAnInvalidMessageAndPassesAValidOne() throws Exception {
        SchemaValidator validator = registry.validator(UnknownTypePolicy.REJECT);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        orderCreated().writeTo(exchange.getMessage());

        exchange.getMessage().setBody(VALID_V2);
        validator.process(exchange);

        exchange.getMessage().setBody(json("{\"orderId\": 1}"));
        assertThatThrownBy(() -> validator.process(exchange)).isInstanceOf(SchemaViolationException.class)
                .hasMessageContaining("kind").hasMessageContaining("amount").hasMessageContaining("currency");
    }

    @Test
    void oneRegistryServesManyThreads() throws Exception {
        SchemaValidator validator = registry.validator(UnknownTypePolicy.REJECT);
        byte[] invalid = json("{\"orderId\": \"x\", \"kind\": \"boxed\", \"amount\": -1, \"currency\": \"EUR\"}");
        List<ValidationResult> expected = List.of(validator.validate(orderCreated(), json(VALID_V2)),
                validator.validate(orderCreated(), invalid));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean valid = i % 2 == 0;
                runs.add(pool.submit(() -> {
                    ValidationResult result = validator.validate(orderCreated(), valid ? json(VALID_V2) : invalid);
                    return result.violations().equals(expected.get(valid ? 0 : 1).violations());
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
