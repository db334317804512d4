package io.edakit.routes.templates;

import java.util.List;

import io.edakit.config.Settings;
import io.edakit.schema.SchemaSettings;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.schema.SchemaRegistry;
import io.edakit.schema.UnknownTypePolicy;
import org.apache.camel.Processor;
import org.apache.camel.RouteTemplateContext;

/**
 * Event schema validation for templates: the schemas come from {@code edakit.schema.directory};
 * an event that violates its schema fails as a poison message, every violation in its message.
 */
final class SchemaSupport {

    private SchemaSupport() {
    }

    static List<ParameterSpec> parameters(boolean validateByDefault, String where) {
        return List.of(
                ParameterSpec.builder("schema-validation", ParameterType.BOOLEAN).defaultValue(validateByDefault)
                        .description("Validate each event " + where + " against the JSON Schema of its type (and version) "
                                + "from edakit.schema.directory; an invalid event goes to the dead-letter channel "
                                + "with every violation in edakit_failure_message. No effect without a schema "
                                + "directory.").build(),
                ParameterSpec.builder("unknown-type", ParameterType.ENUM).allowed("allow", "reject").defaultValue("allow")
                        .description("Events of a type with no schema: let them through, or reject them like an "
                                + "invalid event.").build());
    }

    /** The instance's check: the schema validator, or a step that does nothing when validation is off. */
    static Processor check(RouteTemplateContext context) {
        if (!Boolean.parseBoolean(TemplateSupport.value(context, "schemaValidation"))) {
            return exchange -> { };
        }
        SchemaRegistry registry = SchemaRegistry.fromSettings(Settings.of(context.getCamelContext())
                .get(SchemaSettings.GROUP));
        if (registry.directory().isEmpty()) {
            return exchange -> { };
        }
        return registry.validator(UnknownTypePolicy.parse(TemplateSupport.value(context, "unknownType")));
    }
}
