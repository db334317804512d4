package io.edakit.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import io.edakit.envelope.StructuredCloudEvents.BinaryEvent;
import io.edakit.failure.PoisonMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class StructuredCloudEventsTest {

    private static final String ORDER = """
            {"specversion": "1.0", "id": "e-1", "source": "/shop", "type": "order.created",
             "time": "2025-01-31T10:15:30Z", "subject": "order/42", "tenant": "acme", "priority": 3,
             "dataschema": "https://schemas.edakit.io/order.created/2.json",
             "data": {"orderId": 42, "amount": 12345678901234567890.10, "customer": {"id": "c-7"}}}""";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void jsonDataBecomesTheBodyAndAttributesTheEnvelope() {
        BinaryEvent event = StructuredCloudEvents.parse(bytes(ORDER));

        EventEnvelope envelope = event.envelope();
        assertThat(envelope.id()).isEqualTo("e-1");
        assertThat(envelope.type()).isEqualTo("order.created");
        assertThat(envelope.time()).isEqualTo(OffsetDateTime.of(2025, 1, 31, 10, 15, 30, 0, ZoneOffset.UTC));
        assertThat(envelope.dataSchema()).isEqualTo("https://schemas.edakit.io/order.created/2.json");
        assertThat(envelope.dataContentType()).as("implied by the JSON format").isEqualTo("application/json");
        assertThat(envelope.tenant()).isEqualTo("acme");
        assertThat(envelope.extension("priority")).isEqualTo("3");
        // exact: the number is not squeezed through a double
        assertThat(text(event.data()))
                .isEqualTo("{\"orderId\":42,\"amount\":12345678901234567890.10,\"customer\":{\"id\":\"c-7\"}}");
    }

    @Test
    void dataBase64IsDecodedToTheOriginalBytes() {
        byte[] payload = {0, 1, 2, (byte) 0xFF, 'x'};
        BinaryEvent event = StructuredCloudEvents.parse(bytes("""
                {"specversion": "1.0", "id": "e-2", "source": "/cam", "type": "image.taken",
                 "datacontenttype": "image/png", "data_base64": "%s"}""".formatted(Base64.getEncoder().encodeToString(payload))));
        assertThat(event.data()).containsExactly(payload);
        assertThat(event.envelope().dataContentType()).isEqualTo("image/png");
    }

    @Test
    void stringDataOfANonJsonTypeIsThatText() {
        BinaryEvent event = StructuredCloudEvents.parse(bytes("""
                {"specversion": "1.0", "id": "e-3", "source": "/s", "type": "note.added",
                 "datacontenttype": "text/plain; charset=utf-8", "data": "plain words"}"""));
        assertThat(text(event.data())).isEqualTo("plain words");

        BinaryEvent json = StructuredCloudEvents.parse(bytes("""
                {"specversion": "1.0", "id": "e-4", "source": "/s", "type": "note.added", "data": "a JSON string"}"""));
        assertThat(text(json.data())).isEqualTo("\"a JSON string\"");

        BinaryEvent empty = StructuredCloudEvents.parse(bytes("""
                {"specversion": "1.0", "id": "e-5", "source": "/s", "type": "ping"}"""));
        assertThat(empty.data()).isEmpty();
        assertThat(empty.envelope().dataContentType()).isNull();
    }

    @Test
    void missingMandatoryAttributesAreAllNamed() {
        assertThatThrownBy(() -> StructuredCloudEvents.parse(bytes("""
                {"specversion": "1.0", "type": "order.created", "data": {}}""")))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessage("structured CloudEvent lacks mandatory attribute(s): id, source");
        assertThatThrownBy(() -> StructuredCloudEvents.parse(bytes("""
                {"id": "e-1", "source": "/s", "type": "t"}""")))
                .hasMessageContaining("e-1 lacks mandatory attribute(s): specversion");
        assertThatThrownBy(() -> StructuredCloudEvents.parse(bytes("""
                {"specversion": "0.3", "id": "e-1", "source": "/s", "type": "t"}""")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("only 1.0");
    }

    @Test
    void malformedEventsArePoisonMessages() {
        assertThatThrownBy(() -> StructuredCloudEvents.parse(bytes("{\"specversion\": \"1.0\", \"id\": ")))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageStartingWith("structured CloudEvent is not valid JSON: ").hasMessageContaining("line 1");
        assertThatThrownBy(() -> StructuredCloudEvents.parse(bytes("[{\"id\": \"e-1\"}]")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("must be a JSON object, got array");
        assertThatThrownBy(() -> StructuredCloudEvents.parse(new byte[0]))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> StructuredCloudEvents.parse(bytes("""
                {"specversion": "1.0", "id": "e-1", "source": "/s", "type": "t", "data": {}, "data_base64": "AA=="}""")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("both data and data_base64");
        assertThatThrownBy(() -> StructuredCloudEvents.parse(bytes("""
                {"specversion": "1.0", "id": "e-1", "source": "/s", "type": "t", "data_base64": "not base64!"}""")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("data_base64 is not base64");
        assertThatThrownBy(() -> StructuredCloudEvents.parse(bytes("""
                {"specversion": "1.0", "id": "e-1", "source": {"uri": "/s"}, "type": "t"}""")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("attribute 'source' must be a string");
    }

    @Test
    void aStructuredMessageIsConvertedInPlace() {
        Message message = new DefaultExchange(new DefaultCamelContext()).getMessage();
        message.setHeader(Exchange.CONTENT_TYPE, "application/cloudevents+json; charset=UTF-8");
        message.setHeader(Envelope.ID, "stale header: the structured event wins");
        message.setHeader(Envelope.PARTITIONKEY, "stale");
        message.setHeader("orderStatus", "new");
        message.setBody(ORDER);

        assertThat(StructuredCloudEvents.toBinary(message)).isTrue();

        assertThat(message.getHeaders()).containsEntry(Envelope.ID, "e-1").containsEntry(Envelope.TYPE, "order.created")
                .containsEntry(Envelope.DATACONTENTTYPE, "application/json").containsEntry("ce_priority", "3")
                .containsEntry(Exchange.CONTENT_TYPE, "application/json").containsEntry("orderStatus", "new")
                .doesNotContainKey(Envelope.PARTITIONKEY);
        assertThat(text(message.getBody(byte[].class))).startsWith("{\"orderId\":42");
        assertThat(EventEnvelope.of(message)).isEqualTo(StructuredCloudEvents.parse(bytes(ORDER)).envelope());
    }

    @Test
    void aBinaryModeMessageIsLeftAlone() {
        Message message = new DefaultExchange(new DefaultCamelContext()).getMessage();
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody("{\"orderId\": 42}");
        assertThat(StructuredCloudEvents.toBinary(message)).isFalse();
        assertThat(message.getBody(String.class)).isEqualTo("{\"orderId\": 42}");
    }

    @Test
    void aBatchIsAnArrayOfEventsEachCheckedAsOne() {
        String second = "{\"specversion\": \"1.0\", \"id\": \"e-2\", \"source\": \"/shop\", \"type\": \"order.paid\", "
                + "\"datacontenttype\": \"text/plain\", \"data\": \"paid\"}";
        var events = StructuredCloudEvents.parseBatch(bytes("[" + ORDER + ", " + second + "]"));
        assertThat(events).extracting(event -> event.envelope().id()).containsExactly("e-1", "e-2");
        assertThat(text(events.get(1).data())).isEqualTo("paid");
        assertThat(text(events.get(0).data())).contains("12345678901234567890.10");

        assertThatThrownBy(() -> StructuredCloudEvents.parseBatch(bytes(ORDER)))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("must be a JSON array of events, got object");
        assertThatThrownBy(() -> StructuredCloudEvents.parseBatch(bytes("[]")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("holds no event");
        assertThatThrownBy(() -> StructuredCloudEvents.parseBatch(bytes("[" + ORDER + ", 7]")))
                .isInstanceOf(PoisonMessageException.class).hasMessage("batch event 2 of 2 must be a JSON object, got number");
        assertThatThrownBy(() -> StructuredCloudEvents.parseBatch(bytes("[" + ORDER + ", {\"id\": \"e-3\"}]")))
                .isInstanceOf(PoisonMessageException.class).hasMessageStartingWith("batch event 2 of 2: ");
    }

    @Test
    void aBatchIsRecognisedByItsMediaTypeOnly() {
        Message message = new DefaultExchange(new DefaultCamelContext()).getMessage();
        message.setHeader(Exchange.CONTENT_TYPE, "application/cloudevents-batch+json; charset=utf-8");
        assertThat(StructuredCloudEvents.isBatch(message)).isTrue();
        assertThat(StructuredCloudEvents.isStructured(message)).isFalse();
        message.setHeader(Exchange.CONTENT_TYPE, "application/cloudevents+json");
        assertThat(StructuredCloudEvents.isBatch(message)).isFalse();
    }
}
