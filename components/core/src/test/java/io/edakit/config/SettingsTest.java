package io.edakit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final ParameterSpec COUNT = ParameterSpec.builder("edakit.test.count", ParameterType.INTEGER)
            .bounds(Bounds.atLeast(1)).defaultValue(3).description("a count").build();
    private static final ParameterSpec WAIT = ParameterSpec.builder("edakit.test.wait", ParameterType.DURATION)
            .defaultValue("30s").description("a wait").build();
    private static final ParameterSpec SECRET = ParameterSpec.builder("edakit.test.secret-count", ParameterType.INTEGER)
            .bounds(Bounds.atLeast(0)).defaultValue(0).secret().description("a secret number").build();
    private static final ParameterSpec NAME = ParameterSpec.builder("edakit.test.name", ParameterType.STRING)
            .description("a name").build();

    private record Counted(int count) {
    }

    @Test
    void aSourceReadsDashedOrCamelCaseKeysAndTreatsBlankAsAbsent() {
        SettingSource source = SettingSource.of(key -> Optional.ofNullable(Map.of(
                "edakit.test.count", " 7 ", "edakit.test.wait", "2h", "edakit.test.name", "  ").get(key)));
        assertThat(source.integer(COUNT)).isEqualTo(7);
        assertThat(source.duration(WAIT)).isEqualTo(Duration.ofHours(2));
        assertThat(source.optional(NAME)).isEmpty();
        assertThat(source.string(NAME)).isEmpty();

        SettingSource camel = SettingSource.of(key -> Optional.ofNullable(Map.of("edakit.test.count", "9",
                "edakit.test.secretCount", "4").get(key)));
        assertThat(camel.integer(SECRET)).isEqualTo(4);
        assertThat(SettingSource.empty().integer(COUNT)).as("default").isEqualTo(3);
        assertThat(SettingSource.empty().duration(WAIT)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBadValueIsRefusedNamingTheKeyAndTheExpectationButNeverASecret() {
        SettingSource source = SettingSource.of(key -> Optional.ofNullable(Map.of("edakit.test.count", "0",
                "edakit.test.wait", "soon", "edakit.test.secret-count", "hunter2").get(key)));
        assertThatThrownBy(() -> source.integer(COUNT)).isInstanceOf(SettingException.class)
                .hasMessage("edakit.test.count: expected an integer of at least 1, got '0'");
        assertThatThrownBy(() -> source.duration(WAIT)).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("edakit.test.wait: expected a duration such as 500ms");
        assertThatThrownBy(() -> source.integer(SECRET)).isInstanceOf(SettingException.class)
                .hasMessage("edakit.test.secret-count: invalid value (not shown: secret) for type integer")
                .satisfies(e -> assertThat(((SettingException) e).key()).isEqualTo("edakit.test.secret-count"));
        assertThatThrownBy(() -> source.duration(COUNT)).as("a programming error, not a setting")
                .isNotInstanceOf(SettingException.class).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGroupIsReadOnceAndAGivenValueReplacesIt() {
        AtomicInteger reads = new AtomicInteger();
        SettingGroup<Counted> group = SettingGroup.of("Test", List.of(COUNT), source -> {
            reads.incrementAndGet();
            return new Counted(source.integer(COUNT));
        });
        Settings settings = Settings.from(key -> Optional.of("5").filter(v -> key.equals("edakit.test.count")));
        assertThat(settings.get(group)).isEqualTo(new Counted(5));
        assertThat(settings.get(group)).isSameAs(settings.get(group));
        assertThat(reads).hasValue(1);

        Settings replaced = settings.with(group, new Counted(42));
        assertThat(replaced.get(group)).isEqualTo(new Counted(42));
        assertThat(settings.get(group)).as("the original is unchanged").isEqualTo(new Counted(5));
    }

    @Test
    void aGroupThatFailsIsNotKeptAndFailsAgain() {
        SettingGroup<Counted> group = SettingGroup.of("Test", List.of(COUNT), source -> new Counted(source.integer(COUNT)));
        Settings settings = Settings.from(key -> Optional.of("x").filter(v -> key.equals("edakit.test.count")));
        assertThatThrownBy(() -> settings.get(group)).hasMessageContaining("edakit.test.count");
        assertThatThrownBy(() -> settings.get(group)).hasMessageContaining("edakit.test.count");
    }

    @Test
    void aCamelContextHasOneInstanceReadingItsProperties() {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("edakit.test.count", "11");
        SettingGroup<Counted> group = SettingGroup.of("Test", List.of(COUNT), source -> new Counted(source.integer(COUNT)));
        assertThat(Settings.of(context)).isSameAs(Settings.of(context));
        assertThat(Settings.of(context).get(group)).isEqualTo(new Counted(11));
        assertThat(Settings.of(new DefaultCamelContext())).isNotSameAs(Settings.of(context));
    }
}
