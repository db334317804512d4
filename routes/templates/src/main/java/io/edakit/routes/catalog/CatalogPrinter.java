package io.edakit.routes.catalog;

import java.util.List;

import io.edakit.config.ParameterSpec;
import io.edakit.config.SettingGroup;
import io.edakit.routes.kamelets.KameletDescriptor;
import io.edakit.routes.kamelets.Kamelets;
import io.edakit.routes.templates.TemplateDescriptor;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Renders the catalog (templates and edakit settings) for people (text, Markdown) and tools (JSON).
 * The setting groups are handed in by the application, which lists every feature's.
 */
public final class CatalogPrinter {

    private CatalogPrinter() {
    }

    public static String markdown(List<SettingGroup<?>> settings) {
        StringBuilder out = new StringBuilder();
        out.append("# edakit template catalog\n\n")
                .append("Generated from the templates' own declarations (`java -jar routes/target/edakit.jar catalog "
                        + "--format markdown`); do not edit by hand.\n\n")
                .append("Instantiate a template with properties:\n\n```properties\n")
                .append("camel.route-template[my-orders].template-id=point-to-point\n")
                .append("camel.route-template[my-orders].channel=orders\n")
                .append("camel.route-template[my-orders].handler=log:orders\n```\n\n")
                .append("The key in brackets becomes the route id. Parameters may be written dashed "
                        + "(`concurrent-consumers`) or camelCase (`concurrentConsumers`).\n\n");
        for (TemplateDescriptor template : TemplateCatalog.all()) {
            out.append("## `").append(template.id()).append("` — ").append(template.title()).append("\n\n")
                    .append(template.description()).append("\n\n");
            table(out, template.parameters());
            out.append('\n');
        }
        kamelets(out);
        out.append("## Settings (`edakit.*`)\n\n")
                .append("Global settings, in the same properties files or as `-D` system properties.\n\n");
        for (SettingGroup<?> group : settings) {
            out.append("### ").append(group.title()).append("\n\n");
            table(out, group.keys());
            out.append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** The Kamelets: their parameters are the templates' declarations, listed above, so only names here. */
    private static void kamelets(StringBuilder out) {
        out.append("## Kamelets\n\n")
                .append("In the library jar under `kamelets/`, where Camel's `kamelet:` component looks by default "
                        + "(`classpath:kamelets`): use them in Pipes and routes as `kamelet:NAME?param=value`. Their "
                        + "parameters are the templates' own declarations (same type, default and description, "
                        + "camelCase names).\n\n")
                .append("| kamelet | type | pattern | parameters | description |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (KameletDescriptor kamelet : Kamelets.ALL) {
            out.append("| `").append(kamelet.name()).append("` | ").append(kamelet.type().label()).append(" | `")
                    .append(kamelet.templateId()).append("` | ")
                    .append(kamelet.params().stream().map(p -> "`" + p.key() + (p.spec().required() ? "` (required)" : "`"))
                            .collect(java.util.stream.Collectors.joining(", ")))
                    .append(" | ").append(kamelet.description().replace("|", "\\|")).append(" |\n");
        }
        out.append('\n');
    }

    private static void table(StringBuilder out, List<ParameterSpec> parameters) {
        out.append("| parameter | type | required | default | example | description |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        for (ParameterSpec p : parameters) {
            out.append("| `").append(p.name()).append("` | ").append(typeLabel(p)).append(" | ")
                    .append(p.required() ? "yes" : "no").append(" | ")
                    .append(code(p.secret() ? null : p.defaultValue())).append(" | ")
                    .append(code(p.example())).append(" | ")
                    .append(p.description().replace("|", "\\|")).append(" |\n");
        }
    }

    public static String text(List<SettingGroup<?>> settings) {
        StringBuilder out = new StringBuilder();
        for (TemplateDescriptor template : TemplateCatalog.all()) {
            out.append(template.id()).append(" — ").append(template.title()).append('\n')
                    .append(indent(template.description(), "    ")).append('\n');
            for (ParameterSpec p : template.parameters()) {
                parameterLine(out, p);
            }
            out.append('\n');
        }
        out.append("kamelets (kamelet:NAME, in the library's kamelets/)\n");
        for (KameletDescriptor kamelet : Kamelets.ALL) {
            out.append("  ").append(kamelet.name()).append(" (").append(kamelet.type().label()).append(", ")
                    .append(kamelet.templateId()).append(")\n");
        }
        out.append('\n');
        out.append("settings (edakit.*)\n");
        for (SettingGroup<?> group : settings) {
            out.append("  # ").append(group.title()).append('\n');
            group.keys().forEach(p -> parameterLine(out, p));
        }
        return out.toString();
    }

    public static String json(List<SettingGroup<?>> settings) {
        JsonArray templates = new JsonArray();
        for (TemplateDescriptor template : TemplateCatalog.all()) {
            JsonObject entry = new JsonObject();
            entry.put("id", template.id());
            entry.put("title", template.title());
            entry.put("description", template.description());
            entry.put("parameters", jsonParameters(template.parameters()));
            templates.add(entry);
        }
        JsonObject root = new JsonObject();
        root.put("templates", templates);
        JsonArray kamelets = new JsonArray();
        for (KameletDescriptor kamelet : Kamelets.ALL) {
            JsonObject entry = new JsonObject();
            entry.put("name", kamelet.name());
            entry.put("type", kamelet.type().label());
            entry.put("template", kamelet.templateId());
            entry.put("parameters", new JsonArray(kamelet.params().stream().map(p -> p.key()).toList()));
            kamelets.add(entry);
        }
        root.put("kamelets", kamelets);
        JsonArray settingsArray = new JsonArray();
        for (SettingGroup<?> group : settings) {
            for (Object parameter : jsonParameters(group.keys())) {
                ((JsonObject) parameter).put("group", group.title());
                settingsArray.add(parameter);
            }
        }
        root.put("settings", settingsArray);
        return Jsoner.prettyPrint(root.toJson());
    }

    private static JsonArray jsonParameters(List<ParameterSpec> parameters) {
        JsonArray array = new JsonArray();
        for (ParameterSpec p : parameters) {
            JsonObject parameter = new JsonObject();
            parameter.put("name", p.name());
            parameter.put("type", p.type().label());
            parameter.put("required", p.required());
            parameter.put("default", p.secret() ? null : p.defaultValue());
            parameter.put("example", p.example());
            parameter.put("description", p.description());
            if (!p.allowedValues().isEmpty()) {
                parameter.put("enum", new JsonArray(p.allowedValues()));
            }
            if (p.bounds() != null) {
                parameter.put("minimum", p.bounds().min());
                parameter.put(p.bounds().maxExclusive() ? "exclusiveMaximum" : "maximum", p.bounds().max());
            }
            array.add(parameter);
        }
        return array;
    }

    private static void parameterLine(StringBuilder out, ParameterSpec p) {
        out.append("  ").append(p.name()).append(" (").append(typeLabel(p)).append(p.required() ? ", required" : "");
        if (p.defaultValue() != null && !p.secret()) {
            out.append(", default ").append(p.defaultValue().isEmpty() ? "\"\"" : p.defaultValue());
        }
        out.append(")").append(p.example() != null ? "  e.g. " + p.example() : "").append('\n')
                .append(indent(p.description(), "      ")).append('\n');
    }

    private static String typeLabel(ParameterSpec p) {
        if (!p.allowedValues().isEmpty()) {
            return String.join(" \\| ", p.allowedValues());
        }
        return p.bounds() == null ? p.type().label() : p.type().label() + ", " + p.bounds().describe();
    }

    private static String code(String value) {
        if (value == null) {
            return "";
        }
        return value.isEmpty() ? "\"\"" : "`" + value.replace("|", "\\|") + "`";
    }

    private static String indent(String text, String prefix) {
        return prefix + text;
    }
}
