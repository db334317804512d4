package io.edakit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ParamTest {

    private static final Param<Duration> TIMEOUT = Param.duration("request-timeout").defaultValue("5s")
            .description("How long to wait.").example("2s").build();

    @Test
    void oneDeclarationGivesNameKeyPlaceholderAndTypedValue() {
        assertThat(TIMEOUT.name()).isEqualTo("request-timeout");
        assertThat(TIMEOUT.key()).isEqualTo("requestTimeout");
        assertThat(TIMEOUT.placeholder()).isEqualTo("{{requestTimeout}}");
        assertThat(TIMEOUT.spec().type()).isEqualTo(ParameterType.DURATION);
        assertThat(TIMEOUT.spec().defaultValue()).isEqualTo("5s");
        assertThat(TIMEOUT.value(Map.of("requestTimeout", "250ms")::get)).isEqualTo(Duration.ofMillis(250));
        assertThat(TIMEOUT.value(Map.of("requestTimeout", "3000")::get)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aValueOfTheWrongTypeNamesTheParameterAndTheExpectation() {
        assertThatThrownBy(() -> TIMEOUT.read("2 sec")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'request-timeout': expected a duration such as 500ms, 30s, 10m, 2h or 7d "
                        + "(a bare number is milliseconds), got '2 sec'");
        Param<Integer> count = Param.integer("count", Bounds.atLeast(1)).defaultValue(1).description("n").build();
        assertThatThrownBy(() -> count.read("0")).hasMessage("parameter 'count': expected an integer of at least 1, got '0'");
        assertThat(count.read(" 7 ")).isEqualTo(7);
    }

    @Test
    void aChoiceReadsItsWordsAsTheEnumsConstants() {
        Param<TimeUnit> unit = Param.choice("unit", TimeUnit.class, "nanoseconds", "microseconds", "milliseconds",
                "seconds", "minutes", "hours", "days").defaultValue("seconds").description("u").build();
        assertThat(unit.read("hours")).isEqualTo(TimeUnit.HOURS);
        assertThat(unit.spec().allowedValues()).startsWith("nanoseconds", "microseconds");
        assertThatThrownBy(() -> Param.choice("unit", TimeUnit.class, "seconds").description("u").build())
                .hasMessageContaining("must name each of");
    }

    @Test
    void aParameterDescribedForOneTemplateKeepsItsKeyTypeAndDefault() {
        Param<Duration> described = TIMEOUT.describedAs("Wait for the answer.", "1m");
        assertThat(described.key()).isEqualTo(TIMEOUT.key());
        assertThat(described.spec().description()).isEqualTo("Wait for the answer.");
        assertThat(described.spec().defaultValue()).isEqualTo("5s");
        assertThat(TIMEOUT.defaultingTo("1s", "Shorter.", null).spec().example()).isEqualTo("1s");
    }

    @Test
    void keysAreSpelledAsCamelSpellsThem() {
        assertThat(Names.camelCase("max-in-flight")).isEqualTo("maxInFlight");
        assertThat(Names.camelCase("edakit.saga.jdbc-url")).isEqualTo("edakit.saga.jdbcUrl");
        assertThat(Names.dashed("maxInFlight")).isEqualTo("max-in-flight");
    }
}
