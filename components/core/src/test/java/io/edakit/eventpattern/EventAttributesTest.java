package io.edakit.eventpattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EventAttributesTest {

    @Test
    void envelopeHeadersLoseTheirPrefixOthersKeepTheirName() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("ce_type", "order.created");
        headers.put("ce_tenant", "acme");
        headers.put("kind", "physical");
        headers.put("X-Request-Id", "r-1");

        assertThat(EventAttributes.fromHeaders(headers)).containsOnly(
                Map.entry("type", "order.created"), Map.entry("tenant", "acme"),
                Map.entry("kind", "physical"), Map.entry("x-request-id", "r-1"));
    }

    @Test
    void httpSpellingIsAcceptedAndTheCanonicalOneWins() {
        Map<String, Object> firstHttp = new LinkedHashMap<>();
        firstHttp.put("ce-type", "from-http");
        firstHttp.put("ce_type", "canonical");
        Map<String, Object> firstCanonical = new LinkedHashMap<>();
        firstCanonical.put("ce_type", "canonical");
        firstCanonical.put("CE-Type", "from-http");

        assertThat(EventAttributes.fromHeaders(firstHttp)).containsEntry("type", "canonical");
        assertThat(EventAttributes.fromHeaders(firstCanonical)).containsEntry("type", "canonical");
        assertThat(EventAttributes.fromHeaders(Map.of("ce-subject", "s"))).containsEntry("subject", "s");
    }

    @Test
    void theEnvelopeWinsOverAnApplicationHeaderOfTheSameName() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("ce_type", "order.created");
        headers.put("type", "application");

        assertThat(EventAttributes.fromHeaders(headers)).containsEntry("type", "order.created");
    }

    @Test
    void valuesBecomeStringsAndNullsAreMissing() {
        Map<String, Object> headers = new HashMap<>();
        headers.put("ce_partitionkey", "k".getBytes(StandardCharsets.UTF_8));
        headers.put("retries", 3L);
        headers.put("empty", null);

        assertThat(EventAttributes.fromHeaders(headers)).containsOnly(
                Map.entry("partitionkey", "k"), Map.entry("retries", "3"));
    }

    @Test
    void attributeNameOfAHeader() {
        assertThat(EventAttributes.attributeName("ce_type")).isEqualTo("type");
        assertThat(EventAttributes.attributeName("ce-Tenant")).isEqualTo("tenant");
        assertThat(EventAttributes.attributeName("JMSType")).isEqualTo("jmstype");
    }
}
