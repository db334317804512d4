package io.edakit.routes.templates;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The step of a Kamelet whose work a template does: built from the same parameter values, by the
 * same code as the template's instance, so the two behave alike and a wrong value is refused with
 * the same words.
 *
 * <p>Camel creates it as a bean of the Kamelet ({@code type: "#class:..."}) and fills
 * {@link #getParameters()} from the Kamelet's placeholders ({@code "parameters[saga]": "{{saga}}"},
 * keyed camelCase as {@link io.edakit.config.Param#key()}); the Camel context is given before the
 * route starts ({@link CamelContextAware}), and starting the route starts this step, which then
 * builds its processor: a value that cannot work stops the start-up, as it would a template's, with
 * a message that begins "Kamelet NAME" and names the parameter.
 *
 * <p>Values may refer to other parameters ({@code {{saga}}.outcomes}); they are resolved as a
 * template instance's are ({@link TemplateSupport#resolved}). A value that contains a {@code %} is
 * URL-decoded first: a Pipe's properties reach a Kamelet so (the Pipe writes them into the query of
 * a raw Kamelet URI), and no edakit parameter has another use for {@code %} (write a literal one
 * {@code %25}), as with the event filter's pattern.
 */
public abstract class KameletStep extends ServiceSupport implements Processor, CamelContextAware {

    private final String kamelet;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private CamelContext camelContext;
    private Processor processor;

    /** @param kamelet the Kamelet's name, which begins the message of a value that cannot work */
    protected KameletStep(String kamelet) {
        this.kamelet = kamelet;
    }

    /** The Kamelet's values by parameter key; Camel's bean binding puts each into this map. */
    public Map<String, String> getParameters() {
        return parameters;
    }

    /**
     * The processor this step runs, built once the route starts.
     *
     * @param values the raw value of each parameter by key, references to other parameters resolved
     * @throws IllegalArgumentException naming the Kamelet, parameter and what it expects
     */
    protected abstract Processor create(CamelContext context, Function<String, String> values);

    @Override
    protected void doStart() throws Exception {
        if (camelContext == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " was not given a Camel context");
        }
        try {
            processor = create(camelContext, key -> TemplateSupport.resolved(
                    name -> decoded(parameters.getOrDefault(name, "")), key));
        } catch (IllegalArgumentException e) {
            String owner = owner();
            throw e.getMessage() != null && e.getMessage().startsWith(owner) ? e
                    : new IllegalArgumentException(owner + ": " + e.getMessage(), e);
        }
        ServiceHelper.startService(processor);
    }

    /** The processors, one after the other, on the same exchange. */
    protected static Processor inOrder(Processor... steps) {
        return exchange -> {
            for (Processor step : steps) {
                step.process(exchange);
            }
        };
    }

    /** "Kamelet NAME", as the messages of values that cannot work begin. */
    protected final String owner() {
        return "Kamelet " + kamelet;
    }

    private static String decoded(String value) {
        return value.contains("%") ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value;
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(processor);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        processor.process(exchange);
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
