package io.edakit.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edakit.failure.PoisonMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeRulesTest {

    private static Map<String, String> valid() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("specversion", "1.0");
        attributes.put("id", "e-1");
        attributes.put("source", "/shop");
        attributes.put("type", "order.created");
        attributes.put("time", "2025-01-31T10:15:30Z");
        return attributes;
    }

    @Test
    void aCompleteEnvelopeIsValid() {
        assertThat(EnvelopeRules.problems(valid())).isEmpty();
        Map<String, String> withoutTime = valid();
        withoutTime.remove("time");
        assertThat(EnvelopeRules.problems(withoutTime)).as("time is optional").isEmpty();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        Map<String, String> attributes = valid();
        attributes.remove("source");
        attributes.put("type", " ");
        attributes.put("specversion", "0.3");
        attributes.put("time", "31.01.2025");

        assertThatThrownBy(() -> EnvelopeRules.check(attributes, "event")).isInstanceOf(PoisonMessageException.class)
                .hasMessage("event e-1 lacks mandatory attribute(s): source; has empty attribute(s): type; "
                        + "has specversion '0.3', but only 1.0 is supported; "
                        + "has time '31.01.2025', which is not an RFC 3339 timestamp (such as 2025-01-31T10:15:30Z)");
    }

    @Test
    void withoutAnyAttributeAllFourAreMissing() {
        assertThatThrownBy(() -> EnvelopeRules.check(Map.of(), "structured CloudEvent"))
                .hasMessage("structured CloudEvent lacks mandatory attribute(s): id, source, type, specversion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-31T10:15:30Z", "2025-01-31t10:15:30z", "2025-01-31T10:15:30.123456789+02:00",
            "2025-01-31T10:15:30-05:30", "2024-02-29T00:00:00Z"})
    void rfc3339TimesAreAccepted(String time) {
        assertThat(EnvelopeRules.parseTime(time)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-31T10:15Z", "2025-01-31T10:15:30", "2025-01-31 10:15:30Z", "2025-01-31",
            "2025-13-01T10:15:30Z", "2025-02-30T10:15:30Z", "2025-01-31T10:15:30+0200", "2025-01-31T10:15:30+02:00:30",
            " 2025-01-31T10:15:30Z", "1738318530", ""})
    void otherTimesAreRejected(String time) {
        assertThatThrownBy(() -> EnvelopeRules.parseTime(time)).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("is not an RFC 3339 timestamp");
    }

    @Test
    void aTimeKeepsItsOffset() {
        assertThat(EnvelopeRules.parseTime("2025-01-31T10:15:30.5+02:00"))
                .isEqualTo(OffsetDateTime.of(2025, 1, 31, 10, 15, 30, 500_000_000, ZoneOffset.ofHours(2)));
    }
}
