package io.edakit.routes.kamelets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.edakit.config.Param;
import io.edakit.config.ParameterSpec;
import io.edakit.routes.catalog.TemplateCatalog;
import io.edakit.routes.templates.TemplateDescriptor;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Kamelet files in {@code src/main/resources/kamelets} are what the declarations generate: this
 * test fails when they differ (and writes them with {@code -Dedakit.kamelets.write=true}), and
 * checks that each Kamelet says of a parameter what the catalog says of the template's.
 */
class KameletFilesTest {

    private static final Path DIRECTORY = Path.of("src/main/resources", Kamelets.LOCATION);

    private static String version() {
        return Objects.requireNonNull(System.getProperty("edakit.version"), "surefire sets edakit.version");
    }

    @Test
    void theShippedFilesAreWhatTheDeclarationsGenerate() throws IOException {
        boolean write = Boolean.getBoolean("edakit.kamelets.write");
        for (KameletDescriptor kamelet : Kamelets.ALL) {
            String generated = KameletYaml.render(kamelet, version());
            Path file = DIRECTORY.resolve(kamelet.fileName());
            if (write) {
                Files.createDirectories(DIRECTORY);
                Files.writeString(file, generated);
            }
            assertThat(file).as("regenerate with: mvn -pl routes/templates test -Dtest=KameletFilesTest "
                    + "-Dedakit.kamelets.write=true").exists();
            assertThat(Files.readString(file)).as(file + " (regenerate with -Dedakit.kamelets.write=true)")
                    .isEqualTo(generated);
        }
        try (var files = Files.list(DIRECTORY)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("every file in kamelets/ is a shipped Kamelet")
                    .containsExactlyInAnyOrderElementsOf(Kamelets.ALL.stream().map(KameletDescriptor::fileName).toList());
        }
    }

    @Test
    void theLibraryJarHoldsThemWhereTheKameletComponentLooks() throws IOException {
        for (KameletDescriptor kamelet : Kamelets.ALL) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("kamelets/" + kamelet.fileName())) {
                assertThat(in).as(kamelet.fileName() + " on the classpath").isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(KameletYaml.render(kamelet, version()));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachPropertySaysWhatTheCatalogSaysOfTheTemplatesParameter() {
        for (KameletDescriptor kamelet : Kamelets.ALL) {
            Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(KameletYaml.render(kamelet, version()));
            assertThat(root).containsEntry("apiVersion", "camel.apache.org/v1").containsEntry("kind", "Kamelet");
            Map<String, Object> metadata = (Map<String, Object>) root.get("metadata");
            assertThat(metadata).containsEntry("name", kamelet.name());
            assertThat((Map<String, Object>) metadata.get("labels"))
                    .containsEntry("camel.apache.org/kamelet.type", kamelet.type().label());
            Map<String, Object> spec = (Map<String, Object>) root.get("spec");
            assertThat((List<String>) spec.get("dependencies")).contains("mvn:io.edakit:edakit-templates:" + version());
            Map<String, Object> definition = (Map<String, Object>) spec.get("definition");
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) definition.get("properties");
            assertThat(properties.keySet()).containsExactlyElementsOf(kamelet.params().stream().map(Param::key).toList());

            TemplateDescriptor template = TemplateCatalog.find(kamelet.templateId()).orElseThrow();
            for (Param<?> param : kamelet.params()) {
                Map<String, Object> property = properties.get(param.key());
                ParameterSpec spec2 = param.spec();
                assertThat(property.get("description").toString()).startsWith(spec2.description());
                if (spec2.defaultValue() != null) {
                    assertThat(String.valueOf(property.get("default")).replace(".0", ""))
                            .isEqualTo(spec2.defaultValue().replace(".0", ""));
                }
                if (spec2.required()) {
                    assertThat((List<String>) definition.get("required")).contains(param.key());
                }
                if (!spec2.allowedValues().isEmpty()) {
                    assertThat((List<String>) property.get("enum")).isEqualTo(spec2.allowedValues());
                }
                // a parameter the template has too is the same declaration: name, type, default
                template.parameter(param.name()).ifPresent(catalog -> {
                    assertThat(spec2.type()).as(kamelet.name() + " " + param.name()).isEqualTo(catalog.type());
                    assertThat(spec2.defaultValue()).as(kamelet.name() + " " + param.name())
                            .isEqualTo(catalog.defaultValue());
                    assertThat(spec2.bounds()).isEqualTo(catalog.bounds());
                });
            }
        }
    }
}
