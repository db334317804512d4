package io.edakit.routes.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.edakit.config.Names;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.TemplateDescriptor;

/** Every template edakit ships, by id. */
public final class TemplateCatalog {

    private TemplateCatalog() {
    }

    public static List<TemplateDescriptor> all() {
        return TemplateRegistry.ALL.stream().map(EdakitTemplate::descriptor).toList();
    }

    public static Optional<TemplateDescriptor> find(String id) {
        return all().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The known template id closest to {@code id}, for "did you mean" hints. */
    public static Optional<String> closestId(String id) {
        return all().stream().map(TemplateDescriptor::id)
                .min(Comparator.comparingInt(known -> Names.distance(known, id)))
                .filter(known -> Names.distance(known, id) <= Math.max(3, id.length() / 2));
    }
}
