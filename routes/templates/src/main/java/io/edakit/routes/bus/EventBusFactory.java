package io.edakit.routes.bus;

import java.nio.file.Path;
import java.util.Optional;

import io.edakit.routes.templates.DeliveryPolicy;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;

/** Builds the processor of one event-bus template instance. */
public final class EventBusFactory {

    private EventBusFactory() {
    }

    /**
     * Why an instance on {@code rulesFile} would not start (missing, malformed or with an unknown
     * operator or target), or empty when it would; reads the file, starts nothing.
     */
    public static Optional<String> problem(CamelContext context, Path rulesFile) {
        return RulesFile.problem(rulesFile, context);
    }

    /** Loads the rules now (a broken file stops the instance with its error) and wires the deliveries. */
    public static Processor create(CamelContext context, Path rulesFile, long reloadIntervalMillis, DeliveryPolicy policy) {
        return new EventBus(context, new RulesFile(rulesFile, context), reloadIntervalMillis, (target, timer) ->
                new TargetDelivery(context, target, policy.deadLetterUri(), policy.maxRedeliveries(), policy.backoff(),
                        policy.retryPolicy(), policy.preparer(), timer));
    }
}
