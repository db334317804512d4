package io.edakit.routes.kamelets;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.edakit.config.Names;
import io.edakit.config.Param;

/**
 * One Kamelet edakit ships: a pattern in the form a Pipe composes (source, action or sink), with
 * its parameters taken from the same typed declarations as the templates' (so the Kamelet and the
 * catalog say the same of each), and its route as the YAML DSL writes it.
 *
 * @param name        the Kamelet's name ({@code edakit-channel-source}): {@code kamelet:<name>}
 * @param type        source, action or sink
 * @param templateId  the template whose pattern this is, for the catalog
 * @param title       a few words
 * @param description what it does and guarantees, and how it differs from the template
 * @param params      every parameter, in order; the route refers to each by its placeholder
 * @param template    the {@code spec.template} YAML (beans, from), indented by two spaces per level
 *                    from column 0; {@link KameletYaml} indents it under {@code template:}
 */
public record KameletDescriptor(String name, KameletType type, String templateId, String title, String description,
                                List<Param<?>> params, String template) {

    /**
     * The {@code kamelet:} endpoint's own options (Camel 4.17's camel-kamelet metadata, plus the
     * {@code uuid} it reserves). The component binds a URI parameter of one of these names to its
     * endpoint and removes it, so the Kamelet never sees it: {@code kamelet:x?timeout=10s} would set
     * how long a call waits for a Kamelet consumer and leave the Kamelet's own timeout at its
     * default. A Kamelet parameter so named is refused here ({@link Param#renamed} gives it another).
     */
    static final Set<String> ENDPOINT_OPTIONS = Set.of("templateId", "routeId", "location", "uuid",
            "bridgeErrorHandler", "exceptionHandler", "exchangePattern", "block", "failIfNoConsumers",
            "lazyStartProducer", "timeout", "noErrorHandler");

    public KameletDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        params = List.copyOf(params);
        for (Param<?> param : params) {
            if (ENDPOINT_OPTIONS.contains(param.key())) {
                throw new IllegalArgumentException(name + ": the parameter " + param.name() + " is an option of the "
                        + "kamelet: endpoint, which would keep its value from the Kamelet; rename it");
            }
            if (!template.contains(param.placeholder())) {
                throw new IllegalArgumentException(name + ": the route does not use the parameter " + param.name());
            }
        }
    }

    /** The parameter called {@code name}, written dashed or camelCase, as Kamelet URIs write it. */
    public Optional<Param<?>> param(String name) {
        String camel = Names.camelCase(name);
        return params.stream().filter(p -> p.key().equals(camel)).findFirst();
    }

    /** The file name in the library jar: {@code kamelets/<name>.kamelet.yaml}. */
    public String fileName() {
        return name + ".kamelet.yaml";
    }
}
