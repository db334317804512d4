package io.edakit.routes.kamelets;

import java.util.List;
import java.util.Locale;

import io.edakit.config.Bounds;
import io.edakit.config.Param;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;

/**
 * Writes a {@link KameletDescriptor} as a Kamelet resource ({@code camel.apache.org/v1}, kind
 * {@code Kamelet}): {@code spec.definition} is the JSON Schema of the parameters (title,
 * description, type, default, enum, bounds, {@code format: password} and the credential
 * descriptors for secrets), {@code spec.dependencies} the library, {@code spec.template} the route.
 * Every text is a double-quoted scalar, so no description can break the YAML.
 */
public final class KameletYaml {

    /** The library's Maven coordinates without version, as {@code spec.dependencies} lists them. */
    public static final String LIBRARY = "mvn:io.edakit:edakit-templates:";

    private KameletYaml() {
    }

    /** The Kamelet file for the library of {@code version}. */
    public static String render(KameletDescriptor kamelet, String version) {
        StringBuilder out = new StringBuilder();
        out.append("# Generated from the parameter declarations of edakit's templates (KameletFilesTest writes and\n")
                .append("# checks it: mvn test -Dtest=KameletFilesTest -Dedakit.kamelets.write=true); do not edit by hand.\n")
                .append("apiVersion: camel.apache.org/v1\n")
                .append("kind: Kamelet\n")
                .append("metadata:\n")
                .append("  name: ").append(kamelet.name()).append('\n')
                .append("  annotations:\n")
                .append("    camel.apache.org/kamelet.support.level: \"Preview\"\n")
                .append("    camel.apache.org/catalog.version: ").append(quote(version)).append('\n')
                .append("    camel.apache.org/provider: \"edakit\"\n")
                .append("    camel.apache.org/kamelet.group: \"edakit\"\n")
                .append("  labels:\n")
                .append("    camel.apache.org/kamelet.type: ").append(quote(kamelet.type().label())).append('\n')
                .append("spec:\n")
                .append("  definition:\n")
                .append("    title: ").append(quote(kamelet.title())).append('\n')
                .append("    description: ").append(quote(kamelet.description())).append('\n');
        List<Param<?>> required = kamelet.params().stream().filter(p -> p.spec().required()).toList();
        if (!required.isEmpty()) {
            out.append("    required:\n");
            required.forEach(p -> out.append("      - ").append(p.key()).append('\n'));
        }
        out.append("    type: object\n")
                .append("    properties:\n");
        for (Param<?> param : kamelet.params()) {
            property(out, param.key(), param.spec());
        }
        out.append("  dependencies:\n")
                .append("    - ").append(quote(LIBRARY + version)).append('\n')
                .append("    - \"camel:kamelet\"\n")
                .append("  template:\n");
        kamelet.template().lines().forEach(line -> out.append(line.isEmpty() ? "" : "    " + line).append('\n'));
        return out.toString();
    }

    private static void property(StringBuilder out, String key, ParameterSpec p) {
        out.append("      ").append(key).append(":\n")
                .append("        title: ").append(quote(title(p.name()))).append('\n')
                .append("        description: ").append(quote(description(p))).append('\n')
                .append("        type: ").append(jsonType(p.type())).append('\n');
        if (p.defaultValue() != null && !p.secret()) {
            out.append("        default: ").append(typed(p, p.defaultValue())).append('\n');
        }
        if (p.example() != null && !p.secret()) {
            out.append("        example: ").append(typed(p, p.example())).append('\n');
        }
        if (!p.allowedValues().isEmpty()) {
            out.append("        enum:\n");
            p.allowedValues().forEach(word -> out.append("          - ").append(quote(word)).append('\n'));
        }
        Bounds bounds = p.bounds();
        if (bounds != null) {
            out.append("        minimum: ").append(bounds.min().toPlainString()).append('\n');
            if (bounds.maxExclusive()) {
                out.append("        exclusiveMaximum: ").append(bounds.max().toPlainString()).append('\n');
            } else if (!bounds.max().equals(Bounds.INT.max())) {
                out.append("        maximum: ").append(bounds.max().toPlainString()).append('\n');
            }
        }
        if (p.secret()) {
            out.append("        format: password\n")
                    .append("        x-descriptors:\n")
                    .append("          - urn:alm:descriptor:com.tectonic.ui:password\n")
                    .append("          - urn:camel:group:credentials\n");
        }
    }

    /** The catalog's description, plus what JSON Schema's type cannot say (a duration's syntax). */
    private static String description(ParameterSpec p) {
        return switch (p.type()) {
            case DURATION -> p.description() + " Written as a duration: 500ms, 30s, 10m, 2h, 7d.";
            case CHANNEL -> p.description() + " An edakit channel name: letters, digits, '.', '-', '_'.";
            default -> p.description();
        };
    }

    private static String jsonType(ParameterType type) {
        return switch (type) {
            case INTEGER -> "integer";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "string";
        };
    }

    private static String typed(ParameterSpec p, String value) {
        return switch (p.type()) {
            case INTEGER, NUMBER -> value.trim();
            case BOOLEAN -> value.trim().toLowerCase(Locale.ROOT);
            default -> quote(value);
        };
    }

    /** {@code max-in-flight} reads "Max In Flight". */
    static String title(String dashed) {
        StringBuilder title = new StringBuilder();
        for (String word : dashed.split("-")) {
            if (!title.isEmpty()) {
                title.append(' ');
            }
            title.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return title.toString();
    }

    /** A YAML double-quoted scalar: backslash, quote and control characters escaped. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
