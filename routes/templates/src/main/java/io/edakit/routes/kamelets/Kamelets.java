package io.edakit.routes.kamelets;

import static io.edakit.routes.templates.Parameters.CHANNEL;
import static io.edakit.routes.templates.Parameters.CONCURRENT_CONSUMERS;
import static io.edakit.routes.templates.Parameters.CONSUMER_ORDERING_KEY;
import static io.edakit.routes.templates.Parameters.GROUP;
import static io.edakit.routes.templates.Parameters.MAX_IN_FLIGHT;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.edakit.config.Param;
import io.edakit.routes.bus.EventBusTemplate;
import io.edakit.routes.bus.EventPatternFilter;
import io.edakit.routes.channel.IdempotentConsumerTemplate;
import io.edakit.routes.channel.IngressTemplate;
import io.edakit.routes.channel.PointToPointTemplate;
import io.edakit.routes.channel.RequestReplyTemplate;
import io.edakit.routes.channel.ResponderTemplate;
import io.edakit.routes.eventstore.EventStoreKameletStep;
import io.edakit.routes.eventstore.EventStoreTemplate;
import io.edakit.routes.idempotency.EdakitIdempotentRepository;
import io.edakit.routes.idempotency.IdempotencySupport;
import io.edakit.routes.router.SenderRouter;
import io.edakit.routes.router.SenderRouterKameletStep;
import io.edakit.routes.router.SenderRouterTemplate;
import io.edakit.routes.saga.SagaKameletStep;
import io.edakit.routes.saga.SagaTemplate;
import io.edakit.routes.support.IngressPreparation;
import io.edakit.routes.support.ReplyHeaders;
import io.edakit.routes.templates.KameletStep;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.TemplateSupport;
import io.edakit.routes.workflow.WorkflowKameletStep;
import io.edakit.routes.workflow.WorkflowTemplate;

/**
 * The Kamelets edakit ships (in the library jar under {@code kamelets/}, where Camel's
 * {@code kamelet:} component looks by default), each a pattern in the form a Pipe composes. Their
 * parameters are the templates' own declarations, so a Kamelet and the catalog cannot disagree.
 *
 * <p>A Kamelet route gets its error handling from the route or Pipe that uses it (Camel clones the
 * parent's error handler: a Pipe's {@code spec.errorHandler}, say a dead-letter channel); a source
 * acknowledges a message only once the sink, and whatever the Pipe does between, has finished with it.
 */
public final class Kamelets {

    private static final String SOURCE_OPTIONS = "?group=" + GROUP.placeholder()
            + "&concurrentConsumers=" + CONCURRENT_CONSUMERS.placeholder()
            + "&maxInFlight=" + MAX_IN_FLIGHT.placeholder()
            + "&orderingKey=" + CONSUMER_ORDERING_KEY.placeholder();

    private static final List<Param<?>> SOURCE_PARAMS = List.of(
            Parameters.channel("Channel to consume.", "orders"), GROUP, CONCURRENT_CONSUMERS, MAX_IN_FLIGHT,
            CONSUMER_ORDERING_KEY);

    public static final KameletDescriptor CHANNEL_SOURCE = new KameletDescriptor("edakit-channel-source",
            KameletType.SOURCE, PointToPointTemplate.ID, "edakit channel source",
            "Consumes an edakit channel and delivers each message, with its envelope (ce_* headers), to the "
                    + "Kamelet's sink. A message is acknowledged only after the sink (and the rest of the Pipe) "
                    + "finished with it; a failure leaves it to the Pipe's error handler (a dead-letter channel, "
                    + "say), and an unhandled failure has the transport deliver it again. With a group, the group "
                    + "receives every message of the channel once (publish-subscribe); without, it competes with "
                    + "the channel's other consumers.",
            SOURCE_PARAMS,
            """
            from:
              uri: "channel:%s%s"
              steps:
                - to: "kamelet:sink"
            """.formatted(CHANNEL.placeholder(), SOURCE_OPTIONS));

    public static final KameletDescriptor POINT_TO_POINT_SOURCE = new KameletDescriptor("edakit-point-to-point-source",
            KameletType.SOURCE, PointToPointTemplate.ID, "edakit point-to-point source",
            "The point-to-point pattern as a source: competing consumers of a channel hand each message to the "
                    + "Kamelet's sink, at most rate-limit messages per second, messages with the same ordering key "
                    + "one after another; acknowledged only after the sink finished. Retries and dead letters are "
                    + "the Pipe's error handler's (the point-to-point template brings its own).",
            TemplateSupport.parameters(SOURCE_PARAMS, List.of(PointToPointTemplate.RATE_LIMIT)),
            """
            from:
              uri: "channel:%s%s&rateLimit=%s"
              steps:
                - to: "kamelet:sink"
            """.formatted(CHANNEL.placeholder(), SOURCE_OPTIONS, PointToPointTemplate.RATE_LIMIT.placeholder()));

    public static final KameletDescriptor IDEMPOTENT_CONSUMER_SOURCE = new KameletDescriptor(
            "edakit-idempotent-consumer-source", KameletType.SOURCE, IdempotentConsumerTemplate.ID,
            "edakit idempotent consumer source",
            "Consumes a channel and delivers each message key once per window to the Kamelet's sink: Camel's "
                    + "idempotent consumer over edakit's idempotency store (edakit.idempotency.store: memory, jdbc "
                    + "or kafka, shared with idempotent-consumer template instances of the same channel and group). "
                    + "A key is claimed before the sink runs and released when it fails, so a redelivery is "
                    + "handled; duplicates are acknowledged and dropped. No stale-event guard (the template has one).",
            TemplateSupport.parameters(SOURCE_PARAMS, List.of(IdempotencySupport.KEY, IdempotencySupport.WINDOW)),
            """
            beans:
              - name: idempotentRepository
                type: "#class:%s"
                properties:
                  channel: "%s"
                  group: "%s"
                  window: "%s"
            from:
              uri: "channel:%s%s"
              steps:
                - idempotentConsumer:
                    simple: "%s"
                    idempotentRepository: "{{idempotentRepository}}"
                    steps:
                      - to: "kamelet:sink"
            """.formatted(EdakitIdempotentRepository.class.getName(), CHANNEL.placeholder(), GROUP.placeholder(),
                    IdempotencySupport.WINDOW.placeholder(), CHANNEL.placeholder(), SOURCE_OPTIONS,
                    IdempotencySupport.KEY.placeholder()));

    public static final KameletDescriptor CHANNEL_SINK = new KameletDescriptor("edakit-channel-sink",
            KameletType.SINK, IngressTemplate.ID, "edakit channel sink",
            "Sends each message to an edakit channel, as the ingress template does: the envelope (id, time, "
                    + "source, type, specversion) is completed where missing and checked, a structured-mode "
                    + "CloudEvent becomes binary mode, the source's own headers stay behind except keep-headers; "
                    + "the step finishes only once the broker confirmed the message. A message whose envelope "
                    + "breaks the rules fails (the Pipe's error handler decides where it goes).",
            List.of(Parameters.channel("Channel the messages go to.", "orders"), Parameters.EVENT_SOURCE,
                    Parameters.eventType("order.created"), Parameters.KEEP_HEADERS,
                    Parameters.persistent(true, "Keep true unless losing events on a broker crash is acceptable.")),
            """
            beans:
              - name: prepare
                type: "#class:%s"
                constructors:
                  0: "%s"
                  1: "%s"
                  2: "%s"
            from:
              uri: "kamelet:source"
              steps:
                - process:
                    ref: "{{prepare}}"
                - to: "channel:%s?exchangePattern=InOnly&persistent=%s"
            """.formatted(IngressPreparation.class.getName(), Parameters.EVENT_SOURCE.placeholder(),
                    Parameters.EVENT_TYPE.placeholder(), Parameters.KEEP_HEADERS.placeholder(), CHANNEL.placeholder(),
                    Parameters.PERSISTENT.placeholder()));

    static final Param<String> PATTERN = Param.string("pattern").required()
            .description("Event pattern over the envelope attributes (type = ce_type, tenant = ce_tenant ...) and "
                    + "other headers by name, as the event bus's rules write them (docs/event-patterns.md).")
            .example("{type: [order.created], tenant: [{prefix: \"eu-\"}]}").build();

    public static final KameletDescriptor EVENT_FILTER_ACTION = new KameletDescriptor("edakit-event-filter-action",
            KameletType.ACTION, EventBusTemplate.ID, "edakit event filter action",
            "One rule of the event bus as an action: an event whose envelope matches the pattern goes on to the "
                    + "Kamelet's sink; any other ends there (its source acknowledges it, nothing after the action "
                    + "sees it). No payload is parsed. Fan-out to several targets, per-target retries and the "
                    + "rules file with reload are the event-bus template's.",
            List.of(PATTERN),
            """
            beans:
              - name: matches
                type: "#class:%s"
                constructors:
                  0: "%s"
            from:
              uri: "kamelet:source"
              steps:
                - process:
                    ref: "{{matches}}"
                - to: "kamelet:sink"
            """.formatted(EventPatternFilter.class.getName(), PATTERN.placeholder()));

    /** The template's {@code timeout}, which is also the {@code kamelet:} endpoint's own option. */
    private static final Param<Duration> REPLY_TIMEOUT = RequestReplyTemplate.TIMEOUT.renamed("reply-timeout");

    public static final KameletDescriptor REQUEST_REPLY_ACTION = new KameletDescriptor("edakit-request-reply-action",
            KameletType.ACTION, RequestReplyTemplate.ID, "edakit request-reply action",
            "The requesting side of request-reply as an action: the message becomes a request on the channel (its "
                    + "envelope completed and checked as ingress does, the source's headers dropped except keep-headers) "
                    + "and the reply, with its envelope, Content-Type and the reply-headers, goes on to the Kamelet's "
                    + "sink. Replies come to this instance's own reply queue. No reply within the timeout fails the "
                    + "exchange with Camel's ExchangeTimedOutException, a failed responder handler with "
                    + "io.edakit.channel.RemoteHandlerException: the Pipe's or route's error handler decides (the "
                    + "template answers HTTP 504 and 502 instead).",
            List.of(Parameters.channel("Channel the requests go to (a responder consumes it).", "quotes"),
                    REPLY_TIMEOUT, Parameters.EVENT_SOURCE, Parameters.eventType("quote.requested"),
                    Parameters.KEEP_HEADERS, RequestReplyTemplate.REPLY_HEADERS,
                    Parameters.persistent(false, "Requests are usually transient: the caller waits and retries; "
                            + "non-persistent requests answer several times faster.")),
            """
            beans:
              - name: prepare
                type: "#class:%s"
                constructors:
                  0: "%s"
                  1: "%s"
                  2: "%s"
              - name: replyFilter
                type: "#class:%s"
                constructors:
                  0: "%s"
            from:
              uri: "kamelet:source"
              steps:
                - process:
                    ref: "{{prepare}}"
                - to: "channel:%s?exchangePattern=InOut&requestTimeout=%s&persistent=%s"
                - process:
                    ref: "{{replyFilter}}"
                - to: "kamelet:sink"
            """.formatted(IngressPreparation.class.getName(), Parameters.EVENT_SOURCE.placeholder(),
                    Parameters.EVENT_TYPE.placeholder(), Parameters.KEEP_HEADERS.placeholder(),
                    ReplyHeaders.class.getName(), RequestReplyTemplate.REPLY_HEADERS.placeholder(),
                    CHANNEL.placeholder(), REPLY_TIMEOUT.placeholder(), Parameters.PERSISTENT.placeholder()));

    /** The responder template's own (a default of 4, where sources have 1). */
    private static final Param<Integer> RESPONDER_CONSUMERS = Parameters.concurrentConsumers(4);

    public static final KameletDescriptor RESPONDER_SOURCE = new KameletDescriptor("edakit-responder-source",
            KameletType.SOURCE, ResponderTemplate.ID, "edakit responder source",
            "The answering side of request-reply as a source: each request on the channel goes to the Kamelet's "
                    + "sink, and the message the sink (and the rest of the Pipe or route) leaves is sent back to the "
                    + "requester's reply address (an edakit requester's reply queue, a JMS client's JMSReplyTo), with "
                    + "its correlation id. A failure is answered as the responder template answers it (the requester "
                    + "gets RemoteHandlerException) once the route's error handler gave up. A message that expects "
                    + "no reply is handled and acknowledged like any other.",
            List.of(Parameters.channel("Channel the requests arrive on.", "quotes"), RESPONDER_CONSUMERS, MAX_IN_FLIGHT),
            """
            from:
              uri: "channel:%s?concurrentConsumers=%s&maxInFlight=%s"
              steps:
                - to: "kamelet:sink"
            """.formatted(CHANNEL.placeholder(), CONCURRENT_CONSUMERS.placeholder(), MAX_IN_FLIGHT.placeholder()));

    public static final KameletDescriptor SENDER_ROUTER_SINK = new KameletDescriptor(SenderRouterKameletStep.KAMELET,
            KameletType.SINK, SenderRouterTemplate.ID, "edakit sender-router sink",
            "Sends each message to the channel of the first rule whose predicate (Camel simple, or JSONPath over the "
                    + "body) matches, as the sender-router template does: the envelope is completed and checked first, "
                    + "the rules may read every source header, then the source's headers stay behind except "
                    + "keep-headers, and the step finishes once the broker confirmed the message. A message no rule "
                    + "matches goes to default-channel (unmatched=default), ends here acknowledged (drop), or fails "
                    + "with io.edakit.routes.router.UnroutedMessageException (dead-letter, the default): the Pipe's or "
                    + "route's error handler dead-letters it, so give the route one.",
            SenderRouterKameletStep.PARAMETERS,
            step(SenderRouterKameletStep.class, SenderRouterKameletStep.PARAMETERS,
                    "- toD: \"channel:${exchangeProperty." + SenderRouter.DESTINATION + "}?exchangePattern=InOnly&persistent="
                            + Parameters.PERSISTENT.placeholder() + "\""));

    public static final KameletDescriptor SAGA_SINK = new KameletDescriptor(SagaKameletStep.KAMELET, KameletType.SINK,
            SagaTemplate.ID, "edakit saga sink",
            "Starts a saga for each message, as the saga template does: the same steps (a definition file or "
                    + "one-line steps), timeouts, retries, compensations and saga log (edakit.saga.*), with outcome "
                    + "events (edakit.saga.completed | compensated | needs-attention) on the outcome channel. The "
                    + "envelope is completed and checked first; the step finishes once the saga is in the log, so a "
                    + "source acknowledges the message only then, and a start delivered twice (the same saga id) "
                    + "runs one saga. A message that cannot start one fails with "
                    + "io.edakit.failure.PoisonMessageException for the Pipe's or route's error handler.",
            SagaKameletStep.PARAMETERS, step(SagaKameletStep.class, SagaKameletStep.PARAMETERS));

    public static final KameletDescriptor WORKFLOW_SINK = new KameletDescriptor(WorkflowKameletStep.KAMELET,
            KameletType.SINK, WorkflowTemplate.ID, "edakit workflow sink",
            "Starts a workflow execution for each message, its body the JSON input, as the workflow template does: "
                    + "the same Amazon States Language definition, runner and workflow store (edakit.workflow.*), "
                    + "with outcome events (edakit.workflow.succeeded | failed | timed-out | aborted) on the outcome "
                    + "channel. The envelope is completed and checked first; the step finishes once the execution is "
                    + "in the store, so a source acknowledges the message only then, and a start delivered twice (the "
                    + "same execution id) runs one execution. A message that cannot start one (no id, a body that is "
                    + "not JSON) fails with io.edakit.failure.PoisonMessageException for the Pipe's or route's error "
                    + "handler.",
            WorkflowKameletStep.PARAMETERS, step(WorkflowKameletStep.class, WorkflowKameletStep.PARAMETERS));

    public static final KameletDescriptor EVENT_STORE_SINK = new KameletDescriptor(EventStoreKameletStep.KAMELET,
            KameletType.SINK, EventStoreTemplate.ID, "edakit event store sink",
            "Appends each message as an event to its stream (ce_subject by default), as the event-store template "
                    + "does: the same store (edakit.event-store.*), expected versions, gap-free positions, snapshots "
                    + "and, with a publish channel, the outbox that publishes every stored event after its commit (an "
                    + "edakit-channel-source of that channel is the store's subscription). The envelope is completed "
                    + "and checked first; the step finishes once the append committed, so a source acknowledges the "
                    + "message only then, and an event id already stored is not stored twice. A CloudEvents batch "
                    + "(Content-Type application/cloudevents-batch+json) is one atomic append to one stream. A conflict with the "
                    + "expected version, like a message without a stream id, fails with "
                    + "io.edakit.failure.PoisonMessageException for the Pipe's or route's error handler.",
            EventStoreKameletStep.PARAMETERS, step(EventStoreKameletStep.class, EventStoreKameletStep.PARAMETERS));

    /** Every Kamelet edakit ships, in catalog order. */
    public static final List<KameletDescriptor> ALL = List.of(CHANNEL_SOURCE, CHANNEL_SINK, POINT_TO_POINT_SOURCE,
            IDEMPOTENT_CONSUMER_SOURCE, EVENT_FILTER_ACTION, REQUEST_REPLY_ACTION, RESPONDER_SOURCE, SENDER_ROUTER_SINK, SAGA_SINK,
            WORKFLOW_SINK, EVENT_STORE_SINK);

    /** Where the library jar holds them: Camel's default Kamelet location is {@code classpath:kamelets}. */
    public static final String LOCATION = "kamelets";

    private Kamelets() {
    }

    /**
     * The route of a Kamelet whose work a template's code does ({@link KameletStep}): one bean given
     * every parameter's value by key, run on each message, then the {@code after} steps.
     */
    private static String step(Class<? extends KameletStep> type, List<Param<?>> params, String... after) {
        StringBuilder route = new StringBuilder()
                .append("beans:\n")
                .append("  - name: step\n")
                .append("    type: \"#class:").append(type.getName()).append("\"\n")
                .append("    properties:\n");
        params.forEach(p -> route.append("      \"parameters[").append(p.key()).append("]\": \"")
                .append(p.placeholder()).append("\"\n"));
        route.append("from:\n")
                .append("  uri: \"kamelet:source\"\n")
                .append("  steps:\n")
                .append("    - process:\n")
                .append("        ref: \"{{step}}\"\n");
        for (String line : after) {
            route.append("    ").append(line).append('\n');
        }
        return route.toString();
    }

    public static Optional<KameletDescriptor> find(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }
}
