package io.edakit.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.CaseInsensitiveMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnvelopeStamperTest {

    private static final CamelContext CAMEL = new DefaultCamelContext();

    /** The headers platform-http gives a binary-mode CloudEvent POST, in wire order. */
    private static final Map<String, String> HTTP_REQUEST = new LinkedHashMap<>();

    static {
        HTTP_REQUEST.put("Host", "127.0.0.1:8080");
        HTTP_REQUEST.put("User-Agent", "curl/7.88.1");
        HTTP_REQUEST.put("Accept", "*/*");
        HTTP_REQUEST.put("ce-specversion", "1.0");
        HTTP_REQUEST.put("ce-id", "evt-1");
        HTTP_REQUEST.put("ce-source", "/shop");
        HTTP_REQUEST.put("ce-type", "order.created");
        HTTP_REQUEST.put("Connection", "keep-alive");
        HTTP_REQUEST.put("Content-Type", "application/json");
        HTTP_REQUEST.put("Content-Length", "14");
        HTTP_REQUEST.put(Exchange.HTTP_METHOD, "POST");
        HTTP_REQUEST.put(Exchange.HTTP_PATH, "/events");
        HTTP_REQUEST.put(Exchange.HTTP_URI, "/events");
    }

    @BeforeAll
    static void startCamel() {
        CAMEL.start(); // a started context gives messages Camel's real header map
    }

    @AfterAll
    static void stopCamel() {
        CAMEL.stop();
    }

    private static Message message() {
        Message message = new DefaultExchange(CAMEL).getMessage();
        assertThat(message.getHeaders()).isInstanceOf(CaseInsensitiveMap.class);
        return message;
    }

    private static Message stamp(Message message) {
        new EnvelopeStamper("/default", "default.type").process(message.getExchange());
        return message;
    }

    /**
     * The corruption seen over HTTP: renaming headers while holding the header map's entries gave
     * attributes each other's values (or Connection's), depending on the order the headers came in.
     */
    @Test
    void httpSpelledAttributesKeepTheirValuesInEveryHeaderOrder() {
        Random random = new Random(10);
        List<String> names = new ArrayList<>(HTTP_REQUEST.keySet());
        for (int round = 0; round < 2_000; round++) {
            Collections.shuffle(names, random);
            Message message = message();
            names.forEach(name -> message.setHeader(name, HTTP_REQUEST.get(name)));

            stamp(message);

            assertThat(message.getHeaders()).as("headers set in the order %s", names)
                    .containsEntry(Envelope.SPECVERSION, "1.0").containsEntry(Envelope.ID, "evt-1")
                    .containsEntry(Envelope.SOURCE, "/shop").containsEntry(Envelope.TYPE, "order.created")
                    .containsEntry(Envelope.DATACONTENTTYPE, "application/json")
                    .containsEntry("Connection", "keep-alive").containsEntry("Content-Length", "14")
                    .doesNotContainKeys("ce-specversion", "ce-id", "ce-source", "ce-type");
        }
    }

    /** Why names and values are copied: a TreeMap entry held across a removal can become another one. */
    @Test
    void aHeldEntryOfTheHeaderMapCanTurnIntoAnotherHeader() {
        Message message = message();
        for (String name : List.of("ce-source", "CamelHttpUri", "ce-type")) {
            message.setHeader(name, "value of " + name);
        }
        Map.Entry<String, Object> held = message.getHeaders().entrySet().iterator().next();
        Map.Entry<String, Object> middle = new ArrayList<>(message.getHeaders().entrySet()).get(1);
        assertThat(middle.getKey()).isEqualTo("ce-source");

        message.removeHeader("ce-source"); // the root of a three-node tree: it has two children

        assertThat(held.getKey()).isEqualTo("CamelHttpUri");
        assertThat(middle.getKey()).isEqualTo("ce-type");
        assertThat(middle.getValue()).isEqualTo("value of ce-type");
    }

    @Test
    void aPlainMessageGetsTheAttributesItLacks() {
        Message message = message();
        message.setHeader("ce-type", "order.paid");
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain");

        Map<String, Object> headers = stamp(message).getHeaders();

        assertThat(headers).containsEntry(Envelope.TYPE, "order.paid").containsEntry(Envelope.SOURCE, "/default")
                .containsEntry(Envelope.SPECVERSION, "1.0").containsEntry(Envelope.DATACONTENTTYPE, "text/plain")
                .containsKeys(Envelope.ID, Envelope.TIME);
        assertThat(EnvelopeRules.problems(EventEnvelope.attributes(message))).isEmpty();
    }

    @Test
    void aCloudEventGetsNoMandatoryAttributeMadeUp() {
        Message message = message();
        message.setHeader("ce-specversion", "1.0");
        message.setHeader("ce-type", "order.paid");

        Map<String, Object> headers = stamp(message).getHeaders();

        assertThat(headers).doesNotContainKeys(Envelope.ID, Envelope.SOURCE).containsEntry(Envelope.TYPE, "order.paid")
                .containsKey(Envelope.TIME);
        assertThat(EnvelopeRules.problems(EventEnvelope.attributes(message)))
                .containsExactly("lacks mandatory attribute(s): id, source");
    }

    @Test
    void whatTheSenderGaveIsKeptEvenWhenItIsInvalid() {
        Message message = message();
        message.setHeader("ce-id", "");
        message.setHeader("ce_time", "yesterday");
        message.setHeader("CE-Source", "/http-spelling");
        message.setHeader(Envelope.SOURCE, "/edakit-spelling");

        Map<String, Object> headers = stamp(message).getHeaders();

        assertThat(headers).containsEntry(Envelope.ID, "").containsEntry(Envelope.TIME, "yesterday")
                .containsEntry(Envelope.SOURCE, "/edakit-spelling").doesNotContainKey("CE-Source");
        assertThat(EnvelopeRules.problems(EventEnvelope.attributes(message))).containsExactly(
                "has empty attribute(s): id",
                "has time 'yesterday', which is not an RFC 3339 timestamp (such as 2025-01-31T10:15:30Z)");
    }
}
