package io.edakit.routes.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.edakit.config.Param;
import io.edakit.config.ParameterSpec;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/** Turns a {@link TemplateDescriptor} into a Camel route template with checked parameters. */
public final class TemplateSupport {

    /** Route property holding the id of the template a route was created from. */
    public static final String TEMPLATE_ID_PROPERTY = "edakit.template";

    /**
     * A one-way send to a channel. Explicit, because a channel send from an exchange that expects an
     * answer (an HTTP request, say) would otherwise be a request-reply and wait for a reply.
     */
    public static final String ONE_WAY = "channel:%s?exchangePattern=InOnly";

    private static final Pattern PARAMETER_REFERENCE = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");

    private TemplateSupport() {
    }

    /**
     * Starts the route template: declares each parameter (camelCase, as Camel Main passes them) with
     * its default and description, and checks every value's type when an instance is created, so a
     * wrong value fails with the template, parameter and expectation named, in any way of
     * instantiating (properties, YAML, Java).
     */
    public static RouteTemplateDefinition declare(RouteBuilder builder, TemplateDescriptor descriptor) {
        RouteTemplateDefinition template = builder.routeTemplate(descriptor.id()).description(descriptor.description());
        for (ParameterSpec parameter : descriptor.parameters()) {
            template.templateParameter(parameter.camelCaseName(), parameter.required() ? null : parameter.defaultValue(),
                    parameter.description());
        }
        return template.configure(context -> checkValues(descriptor, context));
    }

    /** Concatenates parameter lists (a template's own, then shared groups such as dead-lettering). */
    @SafeVarargs
    public static List<Param<?>> parameters(List<? extends Param<?>>... groups) {
        List<Param<?>> all = new ArrayList<>();
        for (List<? extends Param<?>> group : groups) {
            all.addAll(group);
        }
        return all;
    }

    /**
     * Binds a per-instance processor built from the instance's parameter values; the route refers
     * to it as {@code "{{name}}"} (Camel gives each instance's bean its own id).
     */
    public static RouteTemplateDefinition processor(RouteTemplateDefinition template, String name,
                                             Function<RouteTemplateContext, Processor> factory) {
        return template.templateBean(name, Processor.class, factory::apply);
    }

    /**
     * The route of the template: consumes {@code uri} and carries the template id as route property
     * {@link #TEMPLATE_ID_PROPERTY}, which metrics and tools read.
     */
    public static RouteDefinition from(RouteTemplateDefinition template, TemplateDescriptor descriptor, String uri) {
        return template.from(uri).routeProperty(TEMPLATE_ID_PROPERTY, descriptor.id());
    }

    /**
     * The value of a parameter of the instance being created (its default when not given), read as
     * its type, with references to other parameters resolved: the default {@code {{channel}}.dlq}
     * becomes {@code orders.dlq}.
     */
    public static <T> T value(RouteTemplateContext context, Param<T> parameter) {
        return parameter.value(values(context));
    }

    /** The raw values of the instance being created, by key, defaults applied and references resolved. */
    public static Function<String, String> values(RouteTemplateContext context) {
        return key -> resolved(name -> {
            Object raw = context.getProperty(name, String.class);
            return raw == null ? "" : raw.toString();
        }, key);
    }

    /** The value {@code raw} gives for a parameter, with references to other parameters resolved through it. */
    public static String resolved(UnaryOperator<String> raw, String camelCaseName) {
        Matcher reference = PARAMETER_REFERENCE.matcher(raw.apply(camelCaseName));
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            reference.appendReplacement(resolved, Matcher.quoteReplacement(resolved(raw, reference.group(1))));
        }
        return reference.appendTail(resolved).toString();
    }

    /**
     * Why {@code expression} is no valid Camel simple expression (the first line of Camel's own
     * message, which goes on with a caret diagram), or empty when it compiles.
     */
    public static Optional<String> expressionProblem(CamelContext camel, String expression) {
        try {
            camel.resolveLanguage("simple").createExpression(expression);
            return Optional.empty();
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("").trim();
            return Optional.of("not a valid simple expression: " + message);
        }
    }

    private static void checkValues(TemplateDescriptor descriptor, RouteTemplateContext context) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> value : context.getParameters().entrySet()) {
            descriptor.parameter(value.getKey()).ifPresent(parameter -> parameter.check(String.valueOf(value.getValue()))
                    .ifPresent(problem -> problems.add("parameter '" + parameter.name() + "': " + problem)));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Route template " + descriptor.id() + ": " + String.join("; ", problems));
        }
    }
}
