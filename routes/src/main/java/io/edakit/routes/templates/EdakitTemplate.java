package io.edakit.routes.templates;

import io.edakit.routes.catalog.TemplateDescriptor;
import org.apache.camel.builder.RouteBuilder;

/** One pattern: its catalog entry and the Camel route template that implements it. */
public interface EdakitTemplate {

    TemplateDescriptor descriptor();

    /** Adds the route template to {@code builder}; parameters come from {@link #descriptor()}. */
    void define(RouteBuilder builder);
}
