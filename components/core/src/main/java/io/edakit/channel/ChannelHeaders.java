package io.edakit.channel;

import org.apache.camel.spi.Metadata;

/**
 * Camel header names the {@code channel:} component reads and writes. Headers starting with
 * {@code Edakit} or {@code Camel} stay inside this instance; every other header with a simple
 * value (text, number, boolean, or bytes that are UTF-8 text) travels with the message, as text.
 */
public final class ChannelHeaders {

    /** Set before sending: the ordering key (Artemis message group, Kafka record key). */
    @Metadata(description = "The ordering key: messages with one key are handled one after another (Artemis "
            + "message group JMSXGroupID, Kafka record key). Set it before sending; a consumer sets it to the "
            + "key the message was sent with.", javaType = "String")
    public static final String KEY = "EdakitKey";
    /** Set on consumption: the channel the message came from. */
    @Metadata(label = "consumer", description = "The channel the message came from.", javaType = "String")
    public static final String CHANNEL = "EdakitChannel";
    /** Set on consumption: the subscriber group, when the consumer is one. */
    @Metadata(label = "consumer", description = "The subscriber group of the consumer, when it is one.", javaType = "String")
    public static final String GROUP = "EdakitGroup";
    /** Set on consumption: 1 on first delivery, more on redelivery. */
    @Metadata(label = "consumer", description = "1 on the first delivery of the message, more on redelivery.",
            javaType = "int")
    public static final String DELIVERY_COUNT = "EdakitDeliveryCount";

    /** Travels on a reply whose handler failed: the failure's message. */
    @Metadata(label = "producer", description = "On a reply whose responder failed: the failure's message (the "
            + "requester fails with RemoteHandlerException).", javaType = "String")
    public static final String REPLY_ERROR = "edakit_error";
    /** Travels on a reply whose handler failed: the failure's class name. */
    @Metadata(label = "producer", description = "On a reply whose responder failed: the failure's class name.",
            javaType = "String")
    public static final String REPLY_ERROR_TYPE = "edakit_error_type";

    /**
     * W3C trace context (https://www.w3.org/TR/trace-context/): the caller's trace and span. Travels
     * like any header, is kept at ingress, in dead letters and through redrive, whether or not
     * this instance records spans; a tracer rewrites it to its own span at each hop.
     */
    public static final String TRACEPARENT = "traceparent";
    /** W3C trace context: vendor-specific trace state, travels beside {@link #TRACEPARENT}. */
    public static final String TRACESTATE = "tracestate";

    private ChannelHeaders() {
    }

    /** Whether the header stays inside this instance ({@code Camel*}, {@code Edakit*}) rather than travel. */
    public static boolean isLocal(String name) {
        return name.regionMatches(true, 0, "Camel", 0, 5) || name.startsWith("Edakit");
    }
}
