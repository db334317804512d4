package io.edakit.routes.bus;

import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.Processor;

/** Builds the processor of one event-bus template instance. */
public final class EventBusFactory {

    private EventBusFactory() {
    }

    /** Loads the rules now (a broken file stops the instance with its error) and wires the deliveries. */
    public static Processor create(CamelContext context, Path rulesFile, long reloadIntervalMillis, DeliveryPolicy policy) {
        return new EventBus(context, new RulesFile(rulesFile), reloadIntervalMillis, (target, timer) ->
                new TargetDelivery(context, target, policy.deadLetterUri(), policy.maxRedeliveries(), policy.backoff(),
                        policy.retryPolicy(), policy.preparer(), timer));
    }
}
