package io.edakit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HeaderFilterTest {

    private static final Map<String, String> HEADERS = Map.of(
            "edakit_failure_exception", "java.net.SocketTimeoutException",
            "edakit_failure_attempts", "4",
            "ce_type", "order.created",
            "tenant", "acme");

    @Test
    void matchesTextWithLikeAndEquality() {
        assertThat(HeaderFilter.parse("edakit_failure_exception LIKE '%Timeout%'").matches(HEADERS)).isTrue();
        assertThat(HeaderFilter.parse("ce_type = 'order.created' AND tenant = 'acme'").matches(HEADERS)).isTrue();
        assertThat(HeaderFilter.parse("tenant IN ('globex', 'initech')").matches(HEADERS)).isFalse();
    }

    @Test
    void comparesNumbersAsNumbers() {
        assertThat(HeaderFilter.parse("edakit_failure_attempts > 3").matches(HEADERS)).isTrue();
        assertThat(HeaderFilter.parse("edakit_failure_attempts >= 10").matches(HEADERS)).isFalse();
    }

    @Test
    void absentHeadersAndSyntaxErrors() {
        assertThat(HeaderFilter.parse("missing IS NULL").matches(HEADERS)).isTrue();
        assertThatThrownBy(() -> HeaderFilter.parse("tenant = = 'x'")).hasMessageContaining("invalid filter 'tenant = = 'x''");
    }
}
