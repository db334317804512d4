package io.edakit.routes.eventstore;

import java.util.List;
import java.util.function.Function;

import io.edakit.config.Param;
import io.edakit.routes.templates.KameletStep;
import io.edakit.routes.templates.Parameters;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;

/**
 * The event-store Kamelet's step: each message is appended to its stream as the event-store
 * template's instance appends it (the same store, expected versions, snapshots and outbox). The
 * envelope is completed and checked first; the step returns once the append committed, so the
 * source acknowledges the message only then, and an event id already stored is not stored twice.
 * A message that cannot be appended (no stream id, an unreadable expected version or revision, a
 * broken envelope) and a conflict with the expected version fail with a
 * {@link io.edakit.failure.PoisonMessageException}: the route's or Pipe's error handler decides
 * (nobody waits for a 409 here). The append's result is left in the exchange property
 * {@code EdakitAppendResult} for a route that calls the Kamelet and goes on.
 */
public final class EventStoreKameletStep extends KameletStep {

    /** The Kamelet's name. */
    public static final String KAMELET = "edakit-event-store-sink";

    /** The Kamelet's parameters: the template's, less where events come from and where bad ones go. */
    public static final List<Param<?>> PARAMETERS = List.of(EventStoreTemplate.STORE, EventStoreTemplate.STREAM_ID,
            EventStoreTemplate.EXPECTED_VERSION, EventStoreTemplate.REVISION, EventStoreTemplate.PUBLISH_CHANNEL,
            EventStoreTemplate.SNAPSHOT_EVERY, EventStoreTemplate.FOLD, EventStoreTemplate.UPCASTERS, Parameters.KEEP_HEADERS);

    public EventStoreKameletStep() {
        super(KAMELET);
    }

    @Override
    protected Processor create(CamelContext context, Function<String, String> values) {
        return inOrder(EventStoreTemplate.envelope(values), EventStoreTemplate.appender(context, values, true));
    }
}
