package io.edakit.routes.templates;

import java.util.List;
import java.util.function.Function;

import io.edakit.config.ParameterProblem;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

/** One pattern: its catalog entry and the Camel route template that implements it. */
public interface EdakitTemplate {

    TemplateDescriptor descriptor();

    /** Adds the route template to {@code builder}; parameters come from {@link #descriptor()}. */
    void define(RouteBuilder builder);

    /**
     * Checks what a parameter's type cannot tell, such as the content of a file a parameter names,
     * so that {@code validate} and startup report it before anything runs. {@link TemplateChecks}
     * calls it after the checks every template gets from its parameters' types.
     *
     * @param values the instance's parameter values by camelCase name (defaults for those not given)
     * @param camel  a Camel context to resolve languages and components with; never started, and
     *               nothing may be started with it
     * @return the problems found, each naming its parameter (or none, when it is the instance's as a whole)
     */
    default List<ParameterProblem> checkInstance(Function<String, String> values, CamelContext camel) {
        return List.of();
    }
}
