package io.edakit.routes.projection;

import static io.edakit.routes.templates.TemplateSupport.value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import io.edakit.config.Bounds;
import io.edakit.config.Param;
import io.edakit.config.ParameterProblem;
import io.edakit.config.Settings;
import io.edakit.eventpattern.EventPattern;
import io.edakit.eventpattern.PatternParser;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.projection.ProjectionRunner;
import io.edakit.routes.bus.Target;
import io.edakit.routes.bus.TargetDelivery;
import io.edakit.routes.eventstore.EventStores;
import io.edakit.routes.support.ContextBeans;
import io.edakit.routes.templates.DeadLetterSupport;
import io.edakit.routes.templates.DeliveryPolicy;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.templates.TemplateSupport;
import io.edakit.transport.TransportSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * Projection: a subscription over the event store's global order, filtered by an event pattern,
 * handing each event to a handler endpoint, with a durable checkpoint and one instance at a time.
 *
 * <p>Each instance runs a {@link ProjectionRunner} (the lease, the checkpoint, the replay mark)
 * that sends each event that passes the filter through this template's route
 * ({@code direct:edakit-projection-NAME}), whose one step calls the handler with the retry and
 * dead-letter policy of every edakit template (a bus target's, {@link TargetDelivery}).
 */
public final class ProjectionTemplate implements EdakitTemplate {

    public static final String ID = "projection";

    /** Header: present during a reset's replay, naming the projection; handlers skip side effects on it. */
    public static final String REPLAY = "edakit_replay";

    /** What a projection does when an event still fails after its retries. */
    public enum OnFailure { CONTINUE, STOP }

    static final Param<String> NAME = Param.string("name").required()
            .description("Name of the projection: its checkpoint and lease, shared by every instance of the "
                    + "application that runs it (one of them runs it at a time), and the name `projection list` "
                    + "and `projection reset` use.").example("order-totals").build();

    static final Param<String> HANDLER = Parameters.handler("Where each event goes, as the outbox publishes it: "
            + "the data as body, the envelope as ce_* headers, and edakit_stream, edakit_version and "
            + "edakit_position; edakit_replay during a reset's replay.");

    static final Param<String> PATTERN = Param.string("pattern").defaultValue("")
            .description("Event pattern (the event bus's language, docs/event-patterns.md) the events must match, "
                    + "on their envelope: {type: [order.placed]}. Events passed over still move the checkpoint. "
                    + "Empty: every event.").example("{type: [{prefix: \"order.\"}]}").build();

    static final Param<Integer> BATCH = Param.integer("batch", Bounds.atLeast(1)).defaultValue(100)
            .description("Events read per checkpoint: after a crash up to this many are handed again.").example(500)
            .build();

    static final Param<Duration> POLL_INTERVAL = Param.duration("poll-interval").defaultValue("500ms")
            .description("How often the store is read for events appended by other instances (this instance's "
                    + "appends wake the projection at once).").example("200ms").build();

    static final Param<Duration> LEASE = Param.duration("lease").defaultValue("10s")
            .description("How long an instance's claim on the projection lasts unless renewed (every third of it): "
                    + "how soon another instance takes over when the one running it dies. 300ms at least.")
            .example("30s").build();

    static final Param<OnFailure> ON_FAILURE = Param.choice("on-failure", OnFailure.class, "continue", "stop")
            .defaultValue("continue")
            .description("An event that still fails after its retries: continue (it goes to the dead-letter channel "
                    + "with the reason, and the projection goes on) or stop (the projection stops before it, "
                    + "with the reason in `projection list`, until a reset starts it again; nothing is "
                    + "dead-lettered).").example("stop").build();

    static final Param<String> DEAD_LETTER_CHANNEL = DeadLetterSupport.DEAD_LETTER_CHANNEL.defaultingTo(
            NAME.placeholder() + ".dlq", "Channel that receives events the handler still failed on after its "
                    + "retries (on-failure continue), with the reason in failure headers.", "order-totals.dlq");

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Projection",
            "Reads the event store (edakit.event-store.*) in its global order from a durable checkpoint and hands "
                    + "each event that matches an event pattern to a handler endpoint, with the stream, version and "
                    + "position headers the outbox sends. At least once: the checkpoint is written in the event "
                    + "store's database after the handler returned, at most one batch behind it. One instance runs "
                    + "a projection at a time (a lease with a fencing token); another takes over when it dies. A "
                    + "failing event is retried, then dead-lettered with the reason (or stops the projection). "
                    + "`edakit.jar projection reset NAME --to beginning|position:N|time:T` replays; during a replay "
                    + "handlers see the edakit_replay header.",
            TemplateSupport.parameters(List.of(
                    NAME,
                    HANDLER,
                    PATTERN,
                    BATCH,
                    POLL_INTERVAL,
                    LEASE,
                    ON_FAILURE),
                    DeadLetterSupport.parameters(DEAD_LETTER_CHANNEL)));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ParameterProblem> checkInstance(Function<String, String> values, CamelContext camel) {
        List<ParameterProblem> problems = new ArrayList<>();
        nameProblem(NAME.value(values)).ifPresent(problem -> problems.add(ParameterProblem.of(NAME, problem)));
        try {
            pattern(PATTERN.value(values));
        } catch (IllegalArgumentException e) { // a RuleSetException names what is wrong
            problems.add(ParameterProblem.of(PATTERN, e.getMessage()));
        }
        if (LEASE.value(values).toMillis() < 300) {
            problems.add(ParameterProblem.of(LEASE, "expected 300ms or more, got " + LEASE.value(values)));
        }
        DeadLetterSupport.noRetryProblem(values, camel).ifPresent(problems::add);
        return problems;
    }

    @Override
    public void define(RouteBuilder builder) {
        RouteTemplateDefinition template = TemplateSupport.declare(builder, DESCRIPTOR);
        TemplateSupport.processor(template, "projection", ProjectionTemplate::start);
        TemplateSupport.from(template, DESCRIPTOR, routeUri(NAME.placeholder()))
                // the delivery has its own retries and dead-letter channel; what fails beyond them goes
                // back to the runner, which retries the batch
                .errorHandler(builder.noErrorHandler())
                .process("{{projection}}");
    }

    static String routeUri(String name) {
        return "direct:edakit-projection-" + name;
    }

    /** The pattern a parameter value gives, or null (every event) when blank. */
    static EventPattern pattern(String text) {
        return text == null || text.isBlank() ? null : PatternParser.parseYaml(text, "parameter 'pattern'");
    }

    /** Starts the instance's runner (closed with the context) and answers its route's delivery step. */
    private static Processor start(RouteTemplateContext context) {
        CamelContext camel = context.getCamelContext();
        String name = value(context, NAME);
        DeliveryPolicy policy = DeadLetterSupport.targetPolicy(context);
        ScheduledExecutorService timer = ContextBeans.closedWith(camel, new ClosingScheduler(
                Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "edakit-projection-" + name + "-retries");
                    thread.setDaemon(true);
                    return thread;
                })), "the retry timer of projection " + name).scheduler();
        TargetDelivery delivery = new TargetDelivery(camel, Target.parse(value(context, HANDLER)),
                value(context, ON_FAILURE) == OnFailure.STOP ? null : policy.deadLetterUri(), policy.maxRedeliveries(),
                policy.backoff(), policy.retryPolicy(), policy.preparer(), timer);
        JdbcEventStore events = EventStores.forContext(camel);
        EventPattern pattern = pattern(value(context, PATTERN));
        ProjectionRunner.Options options = new ProjectionRunner.Options(value(context, BATCH),
                value(context, POLL_INTERVAL), value(context, LEASE));
        String instance = Settings.of(camel).get(TransportSettings.GROUP).instanceId();
        ContextBeans.closedWith(camel, new ProjectionRunner(events, ProjectionStores.forContext(camel), name, instance,
                event -> ProjectionHandoff.matches(pattern, event),
                new ProjectionHandoff(camel.createProducerTemplate(), routeUri(name), name), options,
                () -> camel.getStatus().isStarted()), "projection " + name);
        return new ProjectionDelivery(delivery);
    }

    /** A scheduler closed as a resource: its retries are abandoned (the runner retries the batch). */
    private record ClosingScheduler(ScheduledExecutorService scheduler) implements AutoCloseable {
        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }

    /** Why a projection named {@code name} would be refused (it names a route and a thread), or empty. */
    static Optional<String> nameProblem(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") ? Optional.empty()
                : Optional.of("expected letters, digits, '.', '_' or '-', got '" + name + "'");
    }
}
