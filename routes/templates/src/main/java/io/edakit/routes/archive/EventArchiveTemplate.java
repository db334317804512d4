package io.edakit.routes.archive;

import static io.edakit.routes.templates.TemplateSupport.value;

import java.time.Duration;
import java.util.List;

import io.edakit.archive.ArchivePurger;
import io.edakit.archive.EventArchive;
import io.edakit.config.Bounds;
import io.edakit.config.Param;
import io.edakit.routes.support.ContextBeans;
import io.edakit.routes.templates.DeadLetterSupport;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.templates.TemplateSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/** Event archive: keeps the events of a channel (or of the bus) that match a pattern, for replays. */
public final class EventArchiveTemplate implements EdakitTemplate {

    public static final String ID = "event-archive";

    static final Param<String> ARCHIVE = Param.string("archive").required()
            .description("Name of the archive the events are kept in; replays name it. Instances of the "
                    + "application sharing the archive database (edakit.archive.*) share it.")
            .example("orders").build();

    static final Param<String> PATTERN = Param.string("pattern").defaultValue("")
            .description("Event pattern (the event bus's language, docs/event-patterns.md) over the envelope "
                    + "and headers: only matching events are archived, the others are acknowledged and dropped. "
                    + "Empty: every event.").example("{type: [{prefix: \"order.\"}]}").build();

    static final Param<Integer> RETENTION_DAYS = Param.integer("retention-days", Bounds.atLeast(0)).defaultValue(0)
            .description("Days an archived event is kept; older ones are deleted hourly, off the archive's "
                    + "write path. 0: forever.").example(30).build();

    static final Param<Integer> CONSUMERS = Parameters.CONCURRENT_CONSUMERS.defaultingTo(1, "Events archived in "
            + "parallel by this instance; their writes share commits. With 1 the archive order is the channel's "
            + "order; with more it is the order the writes committed, which may differ between events in flight "
            + "together.", 4);

    /** How often the purge runs when there is a retention. */
    static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Event archive for replays",
            "Consumes a channel (or, with a group of its own, the bus's channel alongside the bus) and writes "
                    + "the events matching a pattern to an archive in a database (edakit.archive.*, H2 or "
                    + "PostgreSQL), body and headers as they came, group-committed. An event is acknowledged only "
                    + "after its archive write committed, so it can be replayed as soon as it is acknowledged; an "
                    + "event id is archived once. Events sent by a replay (edakit_replay header) are never "
                    + "archived again. Retention in days, or forever. Replays (edakit.jar replay start, or POST "
                    + "/edakit/replays) send the events of a time window, optionally filtered, in archive order, "
                    + "to any channel or endpoint, at a rate, with a durable cursor.",
            TemplateSupport.parameters(List.of(
                    ARCHIVE,
                    Parameters.channel("Channel whose events are archived.", "order-events"),
                    Parameters.GROUP,
                    PATTERN,
                    RETENTION_DAYS,
                    CONSUMERS,
                    Parameters.MAX_IN_FLIGHT),
                    DeadLetterSupport.PARAMETERS));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void define(RouteBuilder builder) {
        RouteTemplateDefinition template = TemplateSupport.declare(builder, DESCRIPTOR);
        TemplateSupport.processor(template, "patternFilter", EventArchiveTemplate::patternFilter);
        TemplateSupport.processor(template, "archiver", EventArchiveTemplate::archiver);
        RouteDefinition route = TemplateSupport.from(template, DESCRIPTOR, "channel:" + Parameters.CHANNEL.placeholder()
                + "?group=" + Parameters.GROUP.placeholder()
                + "&concurrentConsumers=" + Parameters.CONCURRENT_CONSUMERS.placeholder()
                + "&maxInFlight=" + Parameters.MAX_IN_FLIGHT.placeholder());
        DeadLetterSupport.apply(template, route).process("{{patternFilter}}").process("{{archiver}}");
    }

    private static Processor patternFilter(RouteTemplateContext context) {
        return new ArchiveSelection(value(context, PATTERN));
    }

    /** The instance's archiver; with a retention, starts its archive's purge. */
    private static Processor archiver(RouteTemplateContext context) {
        CamelContext camel = context.getCamelContext();
        EventArchive archive = EventArchives.forContext(camel);
        String name = value(context, ARCHIVE);
        int days = value(context, RETENTION_DAYS);
        if (days > 0) {
            ContextBeans.closedWith(camel, new ArchivePurger(archive, name, Duration.ofDays(days), PURGE_INTERVAL),
                    "the purge of archive " + name);
        }
        return new Archiver(archive, name);
    }
}
