package io.edakit.routes.support;

import java.util.function.Function;

import io.edakit.envelope.Envelope;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.util.json.JsonObject;

/** HTTP answers with a JSON body, for the templates whose source may be an HTTP path. */
public final class JsonResponses {

    private JsonResponses() {
    }

    /** An error answer: status code, and a body naming the error, the cause's message and the channel. */
    public static Processor error(int status, String error, String channel) {
        return exchange -> write(exchange, status, errorBody(exchange, error, channel));
    }

    /**
     * The answer to an event that was not accepted and is kept in a dead-letter channel: 400, the
     * error, the reason, the channel it was meant for (when one was), and where it is kept.
     */
    public static Processor rejected(String error, String channel, String deadLetterChannel) {
        return exchange -> {
            JsonObject body = errorBody(exchange, error, channel.isBlank() ? null : channel);
            body.put("deadLetterChannel", deadLetterChannel);
            write(exchange, 400, body);
        };
    }

    /** The answer to an accepted event: 202 with its id and channel. */
    public static Processor accepted(String channel) {
        return accepted(exchange -> channel);
    }

    /** The answer to an accepted event whose channel was chosen per message (by a router). */
    public static Processor accepted(Function<Exchange, String> channel) {
        return exchange -> {
            JsonObject body = idBody(exchange);
            body.put("channel", channel.apply(exchange));
            write(exchange, 202, body);
        };
    }

    /**
     * The answer to an event taken in but set aside in a dead-letter channel (a router found no rule
     * for it): 202, since it is safe and an operator can send it on, with its id, where it is and why.
     */
    public static Processor deadLettered(String deadLetterChannel) {
        return exchange -> {
            JsonObject body = idBody(exchange);
            body.put("deadLettered", true);
            body.put("deadLetterChannel", deadLetterChannel);
            body.put("reason", reason(exchange, "dead-lettered"));
            write(exchange, 202, body);
        };
    }

    /** The answer to an event taken in and deliberately dropped, as configured: 202 with its id and why. */
    public static Processor dropped(String reason) {
        return exchange -> {
            JsonObject body = idBody(exchange);
            body.put("dropped", true);
            body.put("reason", reason);
            write(exchange, 202, body);
        };
    }

    /** Answers with {@code status} and the JSON {@code body} alone. */
    public static void write(Exchange exchange, int status, JsonObject body) {
        // the message's headers would become HTTP response headers: the answer is the JSON body alone
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body.toJson());
    }

    private static JsonObject errorBody(Exchange exchange, String error, String channel) {
        JsonObject body = new JsonObject();
        body.put("error", error);
        body.put("message", reason(exchange, error));
        if (channel != null) {
            body.put("channel", channel);
        }
        Object id = exchange.getMessage().getHeader(Envelope.ID);
        if (id != null) {
            body.put("id", id.toString());
        }
        return body;
    }

    private static JsonObject idBody(Exchange exchange) {
        JsonObject body = new JsonObject();
        body.put("id", exchange.getMessage().getHeader(Envelope.ID, String.class));
        return body;
    }

    private static String reason(Exchange exchange, String fallback) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        return cause == null ? fallback : cause.getMessage();
    }
}
