package io.edakit.routes.templates;

import java.util.List;

import io.edakit.config.Settings;
import io.edakit.config.Param;
import io.edakit.schema.SchemaRegistry;
import io.edakit.schema.SchemaSettings;
import io.edakit.schema.UnknownTypePolicy;
import org.apache.camel.Processor;
import org.apache.camel.RouteTemplateContext;

/**
 * Event schema validation for templates: the schemas come from {@code edakit.schema.directory};
 * an event that violates its schema fails as a poison message, every violation in its message.
 */
public final class SchemaSupport {

    private SchemaSupport() {
    }

    public static final Param<Boolean> SCHEMA_VALIDATION = Param.bool("schema-validation").defaultValue(false)
            .description("Validate each event against the JSON Schema of its type.").build();
    public static final Param<UnknownTypePolicy> UNKNOWN_TYPE = Param.choice("unknown-type", UnknownTypePolicy.class,
                    "allow", "reject").defaultValue("allow")
            .description("Events of a type with no schema: let them through, or reject them like an "
                    + "invalid event.").build();

    public static List<Param<?>> parameters(boolean validateByDefault, String where) {
        return List.of(
                SCHEMA_VALIDATION.defaultingTo(validateByDefault, "Validate each event " + where + " against the JSON "
                        + "Schema of its type (and version) from edakit.schema.directory; an invalid event goes to the "
                        + "dead-letter channel with every violation in edakit_failure_message. No effect without a "
                        + "schema directory.", null),
                UNKNOWN_TYPE);
    }

    /** The instance's check: the schema validator, or a step that does nothing when validation is off. */
    public static Processor check(RouteTemplateContext context) {
        if (!TemplateSupport.value(context, SCHEMA_VALIDATION)) {
            return exchange -> { };
        }
        SchemaRegistry registry = SchemaRegistry.fromSettings(Settings.of(context.getCamelContext())
                .get(SchemaSettings.GROUP));
        if (registry.directory().isEmpty()) {
            return exchange -> { };
        }
        return registry.validator(TemplateSupport.value(context, UNKNOWN_TYPE));
    }
}
