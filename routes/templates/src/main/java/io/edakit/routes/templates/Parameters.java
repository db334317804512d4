package io.edakit.routes.templates;

import io.edakit.config.Bounds;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;

/** Parameters several templates share, declared once. */
public final class Parameters {

    private Parameters() {
    }

    public static ParameterSpec channel(String description, String example) {
        return ParameterSpec.builder("channel", ParameterType.CHANNEL).required()
                .description(description).example(example).build();
    }

    public static ParameterSpec handler(String description) {
        return ParameterSpec.builder("handler", ParameterType.ENDPOINT_URI).required()
                .description(description + " Any Camel endpoint URI: bean:, http:, direct:, log: ...")
                .example("log:orders?showHeaders=true").build();
    }

    public static ParameterSpec source(String example) {
        return ParameterSpec.builder("from", ParameterType.ENDPOINT_URI).required()
                .description("Camel endpoint the messages come from: an HTTP path, a file directory, a timer ...")
                .example(example).build();
    }

    public static ParameterSpec concurrentConsumers(int defaultValue) {
        return ParameterSpec.builder("concurrent-consumers", ParameterType.INTEGER).bounds(Bounds.atLeast(1))
                .defaultValue(defaultValue)
                .description("Messages processed in parallel by this instance. Messages with the same ordering "
                        + "key are still processed one after another.").example(4).build();
    }

    public static ParameterSpec maxInFlight() {
        return ParameterSpec.builder("max-in-flight", ParameterType.INTEGER).bounds(Bounds.atLeast(0)).defaultValue(0)
                .description("Messages received but not yet finished, at most; the consumer stops reading at this "
                        + "count (and while too many finished ones wait for the broker to confirm their acknowledgement). "
                        + "A crash hands at most this many plus those to the handler again: 512 on Artemis, 4,096 "
                        + "on Kafka. 0 means 64, or 4 per concurrent consumer if that is more.").example(256).build();
    }

    public static ParameterSpec consumerOrderingKey() {
        return ParameterSpec.builder("ordering-key", ParameterType.STRING).defaultValue("")
                .description("Header holding the ordering key: messages with the same value are handled one "
                        + "after another. Empty: the key the message was sent with (the ingress template's "
                        + "ordering-key), if any. With the stale-event guard on, use the ordering scope's header.")
                .example("ce_partitionkey").build();
    }

    public static ParameterSpec group() {
        return ParameterSpec.builder("group", ParameterType.STRING).defaultValue("")
                .description("Subscriber group. Empty: compete with every other point-to-point consumer of the "
                        + "channel. Named: this group receives every message of the channel once, shared among "
                        + "the group's consumers (publish-subscribe).").example("billing").build();
    }

    public static ParameterSpec eventSource() {
        return ParameterSpec.builder("source", ParameterType.STRING).defaultValue("edakit")
                .description("Envelope 'source' (CloudEvents) stamped on messages that have none and are not "
                        + "CloudEvents yet (no specversion); a CloudEvent must bring its own.")
                .example("/shop/orders").build();
    }

    public static ParameterSpec eventType(String example) {
        return ParameterSpec.builder("type", ParameterType.STRING).defaultValue("event")
                .description("Envelope 'type' (CloudEvents) stamped on messages that have none and are not "
                        + "CloudEvents yet (no specversion); a CloudEvent must bring its own.")
                .example(example).build();
    }

    public static ParameterSpec keepHeaders() {
        return ParameterSpec.builder("keep-headers", ParameterType.STRING).defaultValue("")
                .description("Headers of the source (besides the envelope's ce_* headers) that travel with the "
                        + "message: comma-separated names or wildcards (tenant,x-*). Others, such as HTTP request "
                        + "headers, stay behind.").example("tenant,x-request-*").build();
    }

    public static ParameterSpec persistent(boolean defaultValue, String why) {
        return ParameterSpec.builder("persistent", ParameterType.BOOLEAN).defaultValue(defaultValue)
                .description("Whether the broker persists the messages before confirming them. " + why).build();
    }
}
