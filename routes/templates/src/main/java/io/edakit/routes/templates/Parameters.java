package io.edakit.routes.templates;

import io.edakit.config.Bounds;
import io.edakit.config.Param;

/**
 * Parameters several templates share, declared once. Where a template describes one in its own
 * words ({@link Param#describedAs}), it stays the same parameter: same key, type and default, and
 * any of the declarations reads its value.
 */
public final class Parameters {

    public static final Param<String> CHANNEL = Param.channel("channel").required()
            .description("Channel of the template.").example("orders").build();

    public static final Param<String> HANDLER = Param.endpoint("handler").required()
            .description("Where each message goes. Any Camel endpoint URI: bean:, http:, direct:, log: ...")
            .example("log:orders?showHeaders=true").build();

    public static final Param<String> FROM = Param.endpoint("from").required()
            .description("Camel endpoint the messages come from: an HTTP path, a file directory, a timer ...")
            .example("platform-http:/orders").build();

    public static final Param<Integer> CONCURRENT_CONSUMERS = Param.integer("concurrent-consumers", Bounds.atLeast(1))
            .defaultValue(1)
            .description("Messages processed in parallel by this instance. Messages with the same ordering "
                    + "key are still processed one after another.").example(4).build();

    public static final Param<Integer> MAX_IN_FLIGHT = Param.integer("max-in-flight", Bounds.atLeast(0)).defaultValue(0)
            .description("Messages received but not yet finished, at most; the consumer stops reading at this "
                    + "count (and while too many finished ones wait for the broker to confirm their acknowledgement). "
                    + "A crash hands at most this many plus those to the handler again: 512 on Artemis, 4,096 "
                    + "on Kafka. 0 means 64, or 4 per concurrent consumer if that is more.").example(256).build();

    /** The ordering key of a consumer: a header name. (The ingress template's is an expression, a parameter of its own.) */
    public static final Param<String> CONSUMER_ORDERING_KEY = Param.string("ordering-key").defaultValue("")
            .description("Header holding the ordering key: messages with the same value are handled one "
                    + "after another. Empty: the key the message was sent with (the ingress template's "
                    + "ordering-key), if any. With the stale-event guard on, use the ordering scope's header.")
            .example("ce_partitionkey").build();

    public static final Param<String> GROUP = Param.string("group").defaultValue("")
            .description("Subscriber group. Empty: compete with every other point-to-point consumer of the "
                    + "channel. Named: this group receives every message of the channel once, shared among "
                    + "the group's consumers (publish-subscribe).").example("billing").build();

    public static final Param<String> EVENT_SOURCE = Param.string("source").defaultValue("edakit")
            .description("Envelope 'source' (CloudEvents) stamped on messages that have none and are not "
                    + "CloudEvents yet (no specversion); a CloudEvent must bring its own.")
            .example("/shop/orders").build();

    public static final Param<String> EVENT_TYPE = Param.string("type").defaultValue("event")
            .description("Envelope 'type' (CloudEvents) stamped on messages that have none and are not "
                    + "CloudEvents yet (no specversion); a CloudEvent must bring its own.")
            .example("order.created").build();

    public static final Param<String> KEEP_HEADERS = Param.string("keep-headers").defaultValue("")
            .description("Headers of the source (besides the envelope's ce_* headers) that travel with the "
                    + "message: comma-separated names or wildcards (tenant,x-*). Others, such as HTTP request "
                    + "headers, stay behind.").example("tenant,x-request-*").build();

    public static final Param<Boolean> PERSISTENT = Param.bool("persistent").defaultValue(true)
            .description("Whether the broker persists the messages before confirming them.").build();

    private Parameters() {
    }

    public static Param<String> channel(String description, String example) {
        return CHANNEL.describedAs(description, example);
    }

    public static Param<String> handler(String description) {
        return HANDLER.describedAs(description + " Any Camel endpoint URI: bean:, http:, direct:, log: ...",
                HANDLER.spec().example());
    }

    public static Param<String> source(String example) {
        return FROM.describedAs(FROM.spec().description(), example);
    }

    public static Param<Integer> concurrentConsumers(int defaultValue) {
        return CONCURRENT_CONSUMERS.defaultingTo(defaultValue, CONCURRENT_CONSUMERS.spec().description(), 4);
    }

    public static Param<String> eventType(String example) {
        return EVENT_TYPE.describedAs(EVENT_TYPE.spec().description(), example);
    }

    public static Param<Boolean> persistent(boolean defaultValue, String why) {
        return PERSISTENT.defaultingTo(defaultValue, PERSISTENT.spec().description() + " " + why, null);
    }
}
