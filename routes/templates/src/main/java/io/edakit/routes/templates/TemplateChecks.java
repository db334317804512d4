package io.edakit.routes.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.edakit.config.Param;
import io.edakit.config.ParameterProblem;
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
     * @return the problems found, each naming its parameter (or none, when it is the instance's as a whole)
     */
    public static List<ParameterProblem> check(EdakitTemplate template, Function<String, String> values,
                                               CamelContext camel, boolean wellTyped) {
        List<ParameterProblem> problems = new ArrayList<>();
        for (Param<?> parameter : template.descriptor().params()) {
            String value = values.apply(parameter.key());
            if (value == null || value.isBlank()) {
                continue;
            }
            Optional<String> problem = switch (parameter.spec().type()) {
                case ENDPOINT_URI -> EndpointSchemes.problem(camel, value);
                case EXPRESSION -> TemplateSupport.expressionProblem(camel, value);
                default -> Optional.empty();
            };
            problem.ifPresent(text -> problems.add(ParameterProblem.of(parameter, text)));
        }
        if (!wellTyped) {
            return problems;
        }
        if (template.descriptor().param(DeadLetterSupport.NO_RETRY_EXCEPTIONS.key()).isPresent()) {
            DeadLetterSupport.noRetryProblem(values, camel).ifPresent(problems::add);
        }
        problems.addAll(template.checkInstance(values, camel));
        return problems;
    }
}
