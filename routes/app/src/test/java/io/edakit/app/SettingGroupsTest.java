package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.edakit.app.config.ConfigProblem;
import io.edakit.app.config.ConfigValidator;
import io.edakit.app.config.LoadedConfig;
import io.edakit.app.config.SettingGroups;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.routes.catalog.CatalogPrinter;
import io.edakit.testing.TestApp;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every setting group's keys: each listed in the catalog exactly once, and each known to the configuration check. */
class SettingGroupsTest {

    @TempDir
    Path dir;

    @Test
    void everyKeyIsDeclaredOnceUnderTheEdakitPrefix() {
        Set<String> seen = new HashSet<>();
        for (ParameterSpec spec : SettingGroups.KEYS) {
            assertThat(spec.name()).startsWith(SettingGroups.PREFIX);
            assertThat(seen.add(spec.name())).as("declared twice: " + spec.name()).isTrue();
        }
        assertThat(SettingGroups.KEYS).hasSize(55);
    }

    @Test
    void everyKeyAppearsInEachCatalogFormatExactlyOnce() throws Exception {
        String markdown = CatalogPrinter.markdown(SettingGroups.ALL);
        String text = CatalogPrinter.text(SettingGroups.ALL);
        JsonArray json = ((JsonObject) Jsoner.deserialize(CatalogPrinter.json(SettingGroups.ALL))).getCollection("settings");
        assertThat(json).hasSize(SettingGroups.KEYS.size());
        for (ParameterSpec spec : SettingGroups.KEYS) {
            assertThat(count(markdown, "| `" + spec.name() + "` |")).as("markdown row of " + spec.name()).isEqualTo(1);
            assertThat(count(text, "\n  " + spec.name() + " (")).as("text line of " + spec.name()).isEqualTo(1);
            assertThat(json.stream().filter(entry -> spec.name().equals(((JsonObject) entry).get("name"))).count())
                    .as("json entry of " + spec.name()).isEqualTo(1);
        }
        SettingGroups.ALL.forEach(group -> assertThat(markdown).contains("### " + group.title() + "\n"));
    }

    @Test
    void theCheckKnowsEveryKeyInBothSpellingsAndSuggestsItWhenMisspelt() throws IOException {
        for (ParameterSpec spec : SettingGroups.KEYS) {
            String value = spec.example() != null ? spec.example() : "x";
            for (String key : List.of(spec.name(), spec.camelCaseName())) {
                assertThat(validate(Map.of(key, value))).as(key + "=" + value)
                        .noneMatch(problem -> problem.key().equals(key) && (problem.message().startsWith("unknown")
                                || problem.message().startsWith("expected")));
            }
            String misspelt = spec.name().substring(0, spec.name().length() - 1);
            assertThat(validate(Map.of(misspelt, value))).as(misspelt)
                    .anyMatch(problem -> problem.key().equals(misspelt)
                            && problem.message().contains("did you mean '" + spec.name() + "'"));
        }
    }

    @Test
    void theCheckRefusesAWrongTypeForEveryTypedKeyNamingTheKey() throws IOException {
        for (ParameterSpec spec : SettingGroups.KEYS) {
            if (spec.type() == ParameterType.STRING) {
                continue;
            }
            List<ConfigProblem> problems = validate(Map.of(spec.name(), "not-a-value-7f3"));
            assertThat(problems).as(spec.name()).anyMatch(problem -> problem.key().equals(spec.name())
                    && problem.message().startsWith(spec.secret() ? "invalid value (not shown: secret)" : "expected"));
            assertThat(problems).as("the value of a secret is never shown").noneMatch(problem -> spec.secret()
                    && problem.message().contains("not-a-value-7f3"));
        }
    }

    private List<ConfigProblem> validate(Map<String, String> properties) throws IOException {
        Path file = TestApp.writeProperties(dir.resolve("app.properties"), properties);
        return new ConfigValidator().validate(LoadedConfig.fromFiles(List.of(file)));
    }

    private static long count(String text, String part) {
        return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }
}
