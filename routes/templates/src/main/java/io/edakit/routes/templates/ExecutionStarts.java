package io.edakit.routes.templates;

import java.util.List;
import java.util.function.Function;

import io.edakit.config.Param;
import io.edakit.routes.support.IngressPreparation;
import io.edakit.routes.support.JsonResponses;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.util.json.JsonObject;

/**
 * What the templates that start a durable execution per event (saga, workflow) share: their route
 * (the {@link EntryRejection} first, then the envelope completed, the start, the answer), the
 * envelope a start gets, and the 202 an HTTP caller gets with the execution's id.
 *
 * @param kind              what starts ({@code saga}): the envelope's source {@code edakit/KIND/NAME}
 *                          and type {@code KIND.start}, the error code {@code invalid-KIND-start}
 * @param name              the parameter naming the saga or workflow
 * @param idField           the answer's field holding the execution id ({@code sagaId})
 * @param idProperty        the exchange property the starter leaves the id in
 * @param duplicateProperty the exchange property the starter sets true for a repeated start
 */
public record ExecutionStarts(String kind, Param<String> name, String idField, String idProperty,
                              String duplicateProperty) {

    /**
     * Registers the definition the values give with its engine and answers the processor that starts
     * executions; {@code owner} (the template, or a Kamelet) begins the message of a definition that
     * cannot work.
     */
    @FunctionalInterface
    public interface Starter {
        Processor create(CamelContext camel, Function<String, String> values, String owner);
    }

    /** The template's route, from its {@code from} parameter's endpoint. */
    public void define(RouteBuilder builder, TemplateDescriptor descriptor, Param<String> from, Starter starter) {
        RouteTemplateDefinition template = TemplateSupport.declare(builder, descriptor);
        TemplateSupport.processor(template, "prepare", context -> preparation(TemplateSupport.values(context)));
        TemplateSupport.processor(template, kind + "Starter", context -> starter.create(context.getCamelContext(),
                TemplateSupport.values(context), "Route template " + descriptor.id()));
        TemplateSupport.processor(template, "answer", context -> this::answer);
        EntryRejection.apply(template, TemplateSupport.from(template, descriptor, from.placeholder()),
                        "invalid-" + kind + "-start", context -> "")
                .process("{{prepare}}")
                .process("{{" + kind + "Starter}}")
                .process("{{answer}}");
    }

    /**
     * The refusal of a template instance (or Kamelet) whose definition cannot work, naming
     * {@code owner} and the saga or workflow: {@code Route template saga (saga order): PROBLEM}.
     */
    public IllegalArgumentException refused(String owner, String named, String problem, Throwable cause) {
        return new IllegalArgumentException(owner + " (" + kind + " " + named + "): " + problem, cause);
    }

    /** Refuses the instance when Camel will not find some of the endpoints its definition calls ({@code problems}). */
    public void refuseUnknownEndpoints(String owner, String named, List<String> problems) {
        if (!problems.isEmpty()) {
            throw refused(owner, named, String.join("; ", problems), null);
        }
    }

    /** How a start enters: its envelope completed (source edakit/KIND/NAME, type KIND.start), the source's headers dropped. */
    public IngressPreparation preparation(Function<String, String> values) {
        return new IngressPreparation("edakit/" + kind + "/" + name.value(values), kind + ".start",
                Parameters.KEEP_HEADERS.value(values), null);
    }

    /** 202 with the execution id for an HTTP caller (and whether it was a repeated start). */
    private void answer(Exchange exchange) {
        JsonObject body = new JsonObject();
        body.put(idField, exchange.getProperty(idProperty, String.class));
        body.put("duplicate", exchange.getProperty(duplicateProperty, false, Boolean.class));
        JsonResponses.write(exchange, 202, body);
    }
}
