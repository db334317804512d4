package io.edakit.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import io.edakit.failure.PoisonMessageException;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();

    private static Message message() {
        return new DefaultExchange(CAMEL).getMessage();
    }

    private static EventEnvelope complete() {
        return EventEnvelope.builder().id("e-1").source("/shop").type("order.created")
                .time(OffsetDateTime.of(2025, 1, 31, 10, 15, 30, 500_000_000, ZoneOffset.ofHours(2)))
                .subject("order/42").dataContentType("application/json")
                .dataSchema("https://schemas.edakit.io/order.created/2.json")
                .tenant("acme").partitionKey("42").extension("traceparent", "00-abc-01").build();
    }

    @Test
    void writtenAndReadBackItIsTheSameEnvelope() {
        Message message = message();
        complete().writeTo(message);

        assertThat(message.getHeaders()).containsEntry(Envelope.ID, "e-1").containsEntry(Envelope.TYPE, "order.created")
                .containsEntry(Envelope.SPECVERSION, "1.0").containsEntry(Envelope.TIME, "2025-01-31T10:15:30.5+02:00")
                .containsEntry(Envelope.TENANT, "acme").containsEntry(Envelope.PARTITIONKEY, "42")
                .containsEntry("ce_traceparent", "00-abc-01");
        EventEnvelope read = EventEnvelope.of(message);
        assertThat(read).isEqualTo(complete());
        assertThat(read.tenant()).isEqualTo("acme");
        assertThat(read.partitionKey()).isEqualTo("42");
        assertThat(read.extension("TraceParent")).isEqualTo("00-abc-01");
        assertThat(read.extensions()).containsOnlyKeys("partitionkey", "tenant", "traceparent");
        assertThat(read.missingRequired()).isEmpty();
    }

    @Test
    void writingReplacesTheWholeEnvelopeAndLeavesOtherHeaders() {
        Message message = message();
        message.setHeader("orderStatus", "new");
        complete().writeTo(message);
        message.setHeader("ce-comexampleextra", "stale");

        complete().withSubject(null).withExtension("tenant", null).writeTo(message);

        assertThat(message.getHeaders()).doesNotContainKeys(Envelope.SUBJECT, Envelope.TENANT, "ce-comexampleextra")
                .containsEntry("orderStatus", "new").containsEntry(Envelope.PARTITIONKEY, "42");
    }

    @Test
    void readsHttpSpelledAndNonStringHeaders() {
        Message message = message();
        message.setHeader("ce-id", "http-id");
        message.setHeader("CE-Type", "order.created");
        message.setHeader(Envelope.SOURCE, "/shop".getBytes(StandardCharsets.UTF_8)); // as Kafka delivers headers
        message.setHeader("ce-source", "ignored: the ce_ spelling wins");
        message.setHeader("ce_time", "2025-01-31t10:15:30z");

        EventEnvelope envelope = EventEnvelope.of(message);

        assertThat(envelope.id()).isEqualTo("http-id");
        assertThat(envelope.type()).isEqualTo("order.created");
        assertThat(envelope.source()).isEqualTo("/shop");
        assertThat(envelope.time()).isEqualTo(OffsetDateTime.of(2025, 1, 31, 10, 15, 30, 0, ZoneOffset.UTC));
        assertThat(envelope.missingRequired()).containsExactly("specversion");
    }

    @Test
    void namesEveryMissingMandatoryAttribute() {
        Message message = message();
        message.setHeader(Envelope.SUBJECT, "order/42");
        message.setHeader(Envelope.TYPE, " ");
        assertThat(EventEnvelope.of(message).missingRequired()).containsExactly("id", "source", "type", "specversion");
        assertThat(EventEnvelope.builder().build().missingRequired()).containsExactly("id", "source", "type");
    }

    @Test
    void anUnreadableTimeIsAPoisonMessage() {
        Message message = message();
        message.setHeader(Envelope.TIME, "yesterday");
        assertThatThrownBy(() -> EventEnvelope.of(message)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("'yesterday' is not an RFC 3339 timestamp");
    }

    @Test
    void aNewEventHasIdTimeAndSpecVersion() {
        EventEnvelope event = EventEnvelope.newEvent("/shop", "order.created");
        assertThat(event.id()).isNotBlank();
        assertThat(event.time()).isNotNull();
        assertThat(event.specVersion()).isEqualTo("1.0");
        assertThat(event.missingRequired()).isEmpty();
        assertThat(event.withType("order.cancelled").type()).isEqualTo("order.cancelled");
        assertThat(event.type()).as("immutable").isEqualTo("order.created");
    }

    @Test
    void coreAttributesAreNotExtensions() {
        assertThatThrownBy(() -> EventEnvelope.builder().extension("subject", "x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'subject'");
        assertThatThrownBy(() -> complete().extensions().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new EventEnvelope("i", "s", "t", "1.0", null, null, null, null, Map.of("Tenant", "acme")).tenant())
                .isEqualTo("acme");
    }
}
