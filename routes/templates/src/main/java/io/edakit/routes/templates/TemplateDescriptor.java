package io.edakit.routes.templates;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.edakit.config.Names;
import io.edakit.config.ParameterSpec;

/**
 * What users read about a template before they configure it: its id (part of the public
 * interface), purpose, and every parameter with type, default and example.
 *
 * @param id          the template id used in {@code camel.route-template[KEY].template-id}
 * @param title       a few words
 * @param description what the template does and guarantees
 * @param parameters  every parameter, declared once
 */
public record TemplateDescriptor(String id, String title, String description, List<ParameterSpec> parameters) {

    public TemplateDescriptor {
        Objects.requireNonNull(id, "id");
        parameters = List.copyOf(parameters);
    }

    /** The parameter called {@code name}, written dashed ({@code max-in-flight}) or camelCase. */
    public Optional<ParameterSpec> parameter(String name) {
        String camel = Names.camelCase(name);
        return parameters.stream().filter(p -> p.camelCaseName().equals(camel)).findFirst();
    }
}
