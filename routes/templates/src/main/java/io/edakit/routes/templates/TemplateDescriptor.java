package io.edakit.routes.templates;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.edakit.config.Names;
import io.edakit.config.Param;
import io.edakit.config.ParameterSpec;

/**
 * What users read about a template before they configure it: its id (part of the public
 * interface), purpose, and every parameter with type, default and example.
 *
 * @param id          the template id used in {@code camel.route-template[KEY].template-id}
 * @param title       a few words
 * @param description what the template does and guarantees
 * @param params      every parameter, declared once, typed
 */
public record TemplateDescriptor(String id, String title, String description, List<Param<?>> params) {

    public TemplateDescriptor {
        Objects.requireNonNull(id, "id");
        params = List.copyOf(params);
        long keys = params.stream().map(Param::key).distinct().count();
        if (keys != params.size()) {
            throw new IllegalArgumentException(id + ": a parameter is declared twice: " + params);
        }
    }

    /** Every parameter's documentation, in order: what the catalog lists and the validator checks. */
    public List<ParameterSpec> parameters() {
        return Param.specs(params);
    }

    /** The parameter called {@code name}, written dashed ({@code max-in-flight}) or camelCase. */
    public Optional<ParameterSpec> parameter(String name) {
        return param(name).map(Param::spec);
    }

    /** The typed declaration of the parameter called {@code name}, written dashed or camelCase. */
    public Optional<Param<?>> param(String name) {
        String camel = Names.camelCase(name);
        return params.stream().filter(p -> p.key().equals(camel)).findFirst();
    }
}
