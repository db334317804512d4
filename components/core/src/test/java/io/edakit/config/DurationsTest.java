package io.edakit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.camel.util.TimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, 500", "30s, 30000", "10m, 600000", "2h, 7200000", "7d, 604800000", "1h30m, 5400000",
            "1d2h3m4s5ms, 93784005", "1m5ms, 60005", "5000, 5000", "' 2S ', 2000"})
    void readsUnitsAndBareMillisecondsAsCamelDoes(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
        // the same value Camel's own options give it (Camel reads these forms the same way)
        assertThat(TimeUtils.toMilliSeconds(text.trim().toLowerCase())).isEqualTo(millis);
    }

    /** What Camel's TimeUtils reads as 0 ms, or stops reading early, is refused here with the expected form. */
    @ParameterizedTest
    @ValueSource(strings = {"2 sec", "2sec", "abc", "PT5S", "-5s", "1.5s", "1s1s", "1m1h", "ms", "", "5 s",
            "5000000000000000000d"})
    void refusesWhatIsNoDurationNamingTheExpectedForm(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a duration such as 500ms, 30s, 10m, 2h or 7d (a bare number is milliseconds), "
                        + "got '" + text + "'");
    }

    @Test
    void zeroOnlyWhereAllowed() {
        assertThatThrownBy(() -> Durations.parse("0s")).hasMessage("expected a duration greater than zero, got '0s'");
        assertThat(Durations.parse("0", true)).isZero();
        assertThat(Durations.parse("0ms", true)).isZero();
    }
}
