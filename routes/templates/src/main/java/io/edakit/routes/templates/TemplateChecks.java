package io.edakit.routes.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.edakit.config.ParameterSpec;
import io.edakit.routes.support.EndpointSchemes;
import org.apache.camel.CamelContext;

/**
 * Everything a template instance's values must pass before anything starts, beyond their types:
 * what their declared types promise (an endpoint URI's component exists, a simple expression
 * compiles), the shared dead-letter parameters, then the template's own
 * {@link EdakitTemplate#checkInstance}. Run against a Camel context that is never started, so it
 * opens no port and creates no file; the templates make the same checks when an instance is created.
 */
public final class TemplateChecks {

    private TemplateChecks() {
    }

    /**
     * @param values    the instance's parameter values by camelCase name (defaults for those not given)
     * @param wellTyped whether every value has its declared type; when not, only the checks of single
     *                  values run (the others read values as their types promise)
     * @return one problem per entry, each starting with the parameter's name in quotes
     */
    public static List<String> check(EdakitTemplate template, Function<String, String> values, CamelContext camel,
                                     boolean wellTyped) {
        List<String> problems = new ArrayList<>();
        for (ParameterSpec parameter : template.descriptor().parameters()) {
            String value = values.apply(parameter.camelCaseName());
            if (value == null || value.isBlank()) {
                continue;
            }
            Optional<String> problem = switch (parameter.type()) {
                case ENDPOINT_URI -> EndpointSchemes.problem(camel, value);
                case EXPRESSION -> TemplateSupport.expressionProblem(camel, value);
                default -> Optional.empty();
            };
            problem.ifPresent(text -> problems.add("'" + parameter.name() + "': " + text));
        }
        if (!wellTyped) {
            return problems;
        }
        if (template.descriptor().parameter(DeadLetterSupport.NO_RETRY_EXCEPTIONS).isPresent()) {
            DeadLetterSupport.noRetryProblem(values, camel).ifPresent(text ->
                    problems.add("'" + DeadLetterSupport.NO_RETRY_EXCEPTIONS + "': " + text));
        }
        problems.addAll(template.checkInstance(values, camel));
        return problems;
    }
}
