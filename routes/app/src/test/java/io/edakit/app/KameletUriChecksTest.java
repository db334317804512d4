package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.app.config.ConfigProblem;
import io.edakit.app.config.ConfigValidator;
import io.edakit.app.config.LoadedConfig;
import io.edakit.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate checks the parameters of kamelet:edakit-... URIs as it checks template parameters. */
class KameletUriChecksTest {

    @TempDir
    Path dir;

    private List<ConfigProblem> validate(Map<String, String> properties) throws IOException {
        Path file = TestApp.writeProperties(dir.resolve("app.properties"), properties);
        return new ConfigValidator().validate(LoadedConfig.fromFiles(List.of(file)));
    }

    @Test
    void aKameletUriInATemplateParameterIsChecked() throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("camel.route-template[orders].template-id", "point-to-point");
        config.put("camel.route-template[orders].channel", "orders");
        config.put("camel.route-template[orders].handler", "kamelet:edakit-channel-sink?channel=billing&persistent=yes");
        assertThat(validate(config)).extracting(ConfigProblem::toString).singleElement().asString()
                .contains("camel.route-template[orders].handler", "persistent", "expected true or false, got 'yes'");

        config.put("camel.route-template[orders].handler", "kamelet:edakit-channel-sink?chanel=billing");
        assertThat(validate(config)).extracting(ConfigProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("unknown parameter 'chanel' of Kamelet edakit-channel-sink",
                        "did you mean 'channel'"))
                .anySatisfy(p -> assertThat(p).contains("missing required parameter channel of Kamelet edakit-channel-sink"));

        config.put("camel.route-template[orders].handler", "kamelet:edakit-channel-sink?channel=billing&type=paid");
        assertThat(validate(config)).isEmpty();
    }

    @Test
    void kameletUrisInTheYamlRoutesTheConfigurationIncludesAreChecked() throws IOException {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("billing.yaml"), """
                - route:
                    from:
                      uri: "kamelet:edakit-idempotent-consumer-source?channel=billing&window=forever"
                      steps:
                        - to: "kamelet:edakit-chanel-sink?channel=billed"
                """);
        List<ConfigProblem> problems = validate(Map.of("camel.main.routes-include-pattern",
                "file:" + routes.toAbsolutePath() + "/*.yaml"));
        assertThat(problems).extracting(ConfigProblem::toString)
                .anySatisfy(p -> assertThat(p).contains("billing.yaml", "window"))
                .anySatisfy(p -> assertThat(p).contains("unknown edakit Kamelet 'edakit-chanel-sink'"))
                .hasSize(2);
    }
}
