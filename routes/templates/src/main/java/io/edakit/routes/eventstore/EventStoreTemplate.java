package io.edakit.routes.eventstore;

import static io.edakit.routes.templates.TemplateSupport.value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.edakit.config.Bounds;
import io.edakit.config.Param;
import io.edakit.config.ParameterProblem;
import io.edakit.envelope.StructuredCloudEvents;
import io.edakit.eventstore.AppendResult;
import io.edakit.eventstore.Fold;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.eventstore.JsonataFold;
import io.edakit.eventstore.MergePatch;
import io.edakit.eventstore.Outbox;
import io.edakit.eventstore.StateReader;
import io.edakit.eventstore.Upcasters;
import io.edakit.routes.support.ContextBeans;
import io.edakit.routes.support.IngressPreparation;
import io.edakit.routes.support.JsonResponses;
import io.edakit.routes.templates.DeadLetterSupport;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.EntryRejection;
import io.edakit.routes.templates.Parameters;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.routes.templates.TemplateSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.util.json.JsonObject;

/** Event store: appends events to streams with expected versions, publishes them after commit, keeps snapshots. */
public final class EventStoreTemplate implements EdakitTemplate {

    public static final String ID = "event-store";

    static final Param<String> STORE = Param.string("store").required()
            .description("Name of this event store instance: the source of events it stamps, and (with "
                    + "publish-channel) the name of its outbox cursor, shared by the application's instances.")
            .example("orders").build();

    static final Param<String> FROM = Parameters.FROM.describedAs("Where events to append come from: a channel "
            + "(channel:order-commands; a conflict goes to the dead-letter channel) or any Camel endpoint, such as an "
            + "HTTP path (answered 201 with the version and positions, 409 with the current version on a conflict).",
            "platform-http:/orders/events");

    static final Param<String> STREAM_ID = Param.expression("stream-id").defaultValue("${header.ce_subject}")
            .description("Camel simple expression giving the stream each event is appended to. Default: the "
                    + "envelope's subject (ce_subject). An event without one is rejected.")
            .example("order-${header.ce_subject}").build();

    static final Param<String> EXPECTED_VERSION = Param.expression("expected-version")
            .defaultValue("${header.EdakitExpectedVersion}")
            .description("Camel simple expression giving the version the stream must be at: any, no-stream, "
                    + "exists or a number (0: no stream yet). Empty: any. Default: the EdakitExpectedVersion "
                    + "header (an HTTP caller sends it as a header).").example("${header.expectedVersion}").build();

    static final Param<String> REVISION = Param.expression("revision").defaultValue("${header.ce_revision}")
            .description("Camel simple expression giving the revision of the event's data shape (1 or more; "
                    + "empty: 1); readers convert older revisions with upcasters.").example("2").build();

    static final Param<String> PUBLISH_CHANNEL = Param.string("publish-channel").defaultValue("")
            .description("Channel every stored event is published to after its commit (outbox), exactly as "
                    + "stored, with edakit_stream, edakit_version and edakit_position headers, in "
                    + "position order; a crash between commit and publish republishes, never loses. Every event of "
                    + "the store is published (all streams): give one instance a publish channel. Empty: none.")
            .example("order-events").build();

    static final Param<Integer> SNAPSHOT_EVERY = Param.integer("snapshot-every", Bounds.atLeast(0)).defaultValue(100)
            .description("Events per stream between snapshots of the folded state, written after the append "
                    + "(never on its path) and keyed by the fold. 0: none.").example(1000).build();

    static final Param<String> FOLD = Param.string("fold").defaultValue("")
            .description("How each event folds into the state: a JSONata expression ($state, $event, the data as "
                    + "input), or #name, a bean implementing io.edakit.eventstore.Fold or a "
                    + "BiFunction<JsonNode, JsonNode, JsonNode> (state, data) -> next state (declared with "
                    + "camel.beans.name=#class:...; a function's snapshots are keyed by its bean name). Empty: each "
                    + "event's data is a JSON merge patch (RFC 7386) onto the state. The same fold (and upcasters) "
                    + "must be given to `es state` or the HTTP state API to use the snapshots.")
            .example("$merge([$state, {\"lines\": $count($state.lines) + 1}])").build();

    static final Param<String> UPCASTERS = Param.string("upcasters").defaultValue("")
            .description("Upcasters converting older revisions of event data before the fold, entries separated by "
                    + "';' or ',': TYPE@REVISION=JSONata, an expression taking that revision's data as input and "
                    + "answering the next revision's (a type's revisions chain 1 -> 2 -> 3, none left out), or #name, "
                    + "a bean that is an io.edakit.eventstore.Upcaster, an Upcasters or a collection of Upcasters. "
                    + "Part of the snapshot key. Empty: none.")
            .example("order.placed@1={\"total\": cents / 100}; order.placed@2=$merge([$, {\"currency\": \"EUR\"}])")
            .build();

    static final Param<String> DEAD_LETTER_CHANNEL = DeadLetterSupport.DEAD_LETTER_CHANNEL.defaultingTo(
            STORE.placeholder() + ".dlq", "Channel that receives events which cannot be appended (no stream id, an "
                    + "unreadable expected version, an envelope that breaks the rules, and from a channel a "
                    + "conflict), with the reason in failure headers; an HTTP caller gets 400.", "orders.dlq");

    private static final Duration OUTBOX_POLL = Duration.ofMillis(200);
    private static final int OUTBOX_BATCH = 100;

    private static final TemplateDescriptor DESCRIPTOR = new TemplateDescriptor(ID, "Event store",
            "Appends each event from a channel or an HTTP path to its stream (ce_subject by default) in an "
                    + "append-only store (edakit.event-store.*, H2 or PostgreSQL), with an optional expected version "
                    + "(any, no-stream, exists or a number): a conflict fails that append only, and an HTTP caller "
                    + "gets 409 with the current version. A CloudEvents batch (application/cloudevents-batch+json) is "
                    + "one atomic append of its events to one stream. An event id already stored is not stored twice. "
                    + "Every event "
                    + "gets a global position, gap-free and in commit order. Concurrent appends share a commit. "
                    + "After commit, events can be published to a channel (outbox, with a durable cursor). The state "
                    + "of a stream at any version or time (edakit.jar es state) folds JSON merge patches, or a "
                    + "JSONata fold, from snapshots written every N events.",
            TemplateSupport.parameters(List.of(
                    STORE,
                    FROM,
                    STREAM_ID,
                    EXPECTED_VERSION,
                    REVISION,
                    PUBLISH_CHANNEL,
                    SNAPSHOT_EVERY,
                    FOLD,
                    DEAD_LETTER_CHANNEL,
                    Parameters.KEEP_HEADERS,
                    UPCASTERS)));

    @Override
    public TemplateDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void define(RouteBuilder builder) {
        RouteTemplateDefinition template = TemplateSupport.declare(builder, DESCRIPTOR);
        // the envelope is completed, but the source's headers stay until the append: the expected
        // version comes in one (EdakitExpectedVersion); only ce_* headers are stored
        TemplateSupport.processor(template, "prepare", context -> envelope(TemplateSupport.values(context)));
        TemplateSupport.processor(template, "appender", context -> appender(context.getCamelContext(),
                TemplateSupport.values(context), value(context, FROM).startsWith("channel:")));
        TemplateSupport.processor(template, "answer", context -> EventStoreTemplate::answer);
        EntryRejection.apply(template, TemplateSupport.from(template, DESCRIPTOR, FROM.placeholder()), "invalid-event",
                        context -> "")
                .process("{{prepare}}")
                .process("{{appender}}")
                .process("{{answer}}");
    }

    /**
     * The envelope of an event to append completed and checked (source edakit/event-store/NAME, type
     * event). A batch passes untouched: its events' envelopes are completed one by one by the appender.
     */
    static Processor envelope(Function<String, String> values) {
        Processor event = eventEnvelope(values);
        return exchange -> {
            if (!StructuredCloudEvents.isBatch(exchange.getMessage())) {
                event.process(exchange);
            }
        };
    }

    private static Processor eventEnvelope(Function<String, String> values) {
        return new IngressPreparation("edakit/event-store/" + STORE.value(values), "event",
                Parameters.KEEP_HEADERS.value(values), null).envelopeStep();
    }

    /**
     * The appender the values give; starts its snapshot writer and, with a publish channel, its outbox.
     *
     * @param conflictIsPoison a conflict fails the message (nobody to answer 409 to)
     */
    static Processor appender(CamelContext camel, Function<String, String> values, boolean conflictIsPoison) {
        // the references are resolved before the store opens: a wrong one stops the start-up first
        Fold fold = ReaderBeans.fold(FOLD.name(), FOLD.value(values), camel.getRegistry());
        Upcasters upcasters = ReaderBeans.upcasters(UPCASTERS.name(), UPCASTERS.value(values), camel.getRegistry());
        JdbcEventStore store = EventStores.forContext(camel);
        int snapshotEvery = SNAPSHOT_EVERY.value(values);
        if (snapshotEvery > 0) {
            ContextBeans.closedWith(camel, new StateReader(store, fold, upcasters, snapshotEvery),
                    "the snapshots of event store " + STORE.value(values));
        }
        String publishChannel = PUBLISH_CHANNEL.value(values);
        if (!publishChannel.isBlank()) {
            startOutbox(camel, store, "outbox/" + STORE.value(values) + "/" + publishChannel, publishChannel);
        }
        return new EventAppender(store, eventEnvelope(values), simple(camel, STREAM_ID.value(values)), simple(camel,
                EXPECTED_VERSION.value(values)), simple(camel, REVISION.value(values)), conflictIsPoison);
    }

    /** The fold a parameter value names: a JSONata expression, or merge patch when blank. */
    public static Fold fold(String jsonata) {
        return jsonata == null || jsonata.isBlank() ? MergePatch.FOLD : new JsonataFold(jsonata);
    }

    /**
     * A JSONata fold or upcaster that does not parse (or upcasters that leave a revision out or
     * declare one twice), and bean references the configuration declares no bean
     * for ({@code camel.beans.NAME=...}): reported with the file and key before anything starts.
     * Whether a bean is of the right kind shows only once it exists, at start-up.
     */
    @Override
    public List<ParameterProblem> checkInstance(Function<String, String> values, CamelContext camel) {
        List<ParameterProblem> problems = new ArrayList<>();
        String fold = FOLD.value(values);
        if (!ReaderBeans.isReference(fold) && !fold.isBlank()) {
            try {
                new JsonataFold(fold);
            } catch (IllegalArgumentException e) {
                problems.add(ParameterProblem.of(FOLD, e.getMessage()));
            }
        }
        try {
            ReaderBeans.declaredUpcasters(UPCASTERS.value(values));
        } catch (IllegalArgumentException e) {
            problems.add(ParameterProblem.of(UPCASTERS, e.getMessage()));
        }
        for (Param<String> param : List.of(FOLD, UPCASTERS)) {
            String value = param.value(values);
            List<String> missing = ReaderBeans.missingBeans(value, name -> camel.getRegistry().lookupByName(name) != null);
            if (!missing.isEmpty()) {
                problems.add(ParameterProblem.of(param, "no bean named " + String.join(", ", missing) + " (declare it "
                        + "with camel.beans." + missing.get(0) + "=#class:...); expected " + (param == FOLD
                        ? ReaderBeans.FOLD_SHAPES : ReaderBeans.UPCASTER_SHAPES)));
            }
        }
        return problems;
    }

    /** The outbox publishes through channels, which take messages once the context has started. */
    private static void startOutbox(CamelContext camel, JdbcEventStore store, String cursor, String channel) {
        ContextBeans.closedWith(camel, new Outbox(store, cursor, OUTBOX_BATCH, OUTBOX_POLL,
                new OutboxPublisher(camel.createProducerTemplate(), channel), () -> camel.getStatus().isStarted()),
                "outbox " + cursor);
    }

    private static org.apache.camel.Expression simple(CamelContext camel, String expression) {
        return camel.resolveLanguage("simple").createExpression(expression);
    }

    /** 201 with the stream's version and the positions; 200 when every event was stored before; 409 on a conflict. */
    private static void answer(Exchange exchange) {
        AppendResult result = exchange.getProperty(EventAppender.RESULT, AppendResult.class);
        JsonResponses.write(exchange, status(result), body(result));
    }

    /** The HTTP status an append answers: 201 appended, 200 all stored before, 409 conflict. */
    public static int status(AppendResult result) {
        return result instanceof AppendResult.Appended appended ? appended.appended() > 0 ? 201 : 200 : 409;
    }

    /** An append's answer as JSON: the stream's version and positions, or the conflict with the current version. */
    public static JsonObject body(AppendResult result) {
        JsonObject body = new JsonObject();
        body.put("stream", result.streamId());
        body.put("version", result.currentVersion());
        if (result instanceof AppendResult.Appended appended) {
            body.put("appended", appended.appended());
            body.put("duplicates", appended.duplicates());
            if (appended.appended() > 0) {
                body.put("firstPosition", appended.firstPosition());
                body.put("lastPosition", appended.lastPosition());
            }
        } else {
            AppendResult.Conflict conflict = (AppendResult.Conflict) result;
            body.put("error", "conflict");
            body.put("expected", conflict.expected().toString());
            body.put("currentVersion", conflict.currentVersion());
            body.put("message", conflict.message());
        }
        return body;
    }
}
