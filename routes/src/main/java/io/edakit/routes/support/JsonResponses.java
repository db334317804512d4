package io.edakit.routes.support;

import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.util.json.JsonObject;

/** HTTP answers with a JSON body, for the templates whose source may be an HTTP path. */
public final class JsonResponses {

    private JsonResponses() {
    }

    /** An error answer: status code, and a body naming the error, the cause's message and the channel. */
    public static Processor error(int status, String error, String channel) {
        return exchange -> {
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            JsonObject body = new JsonObject();
            body.put("error", error);
            body.put("message", cause == null ? error : cause.getMessage());
            body.put("channel", channel);
            Object id = exchange.getMessage().getHeader(io.edakit.envelope.Envelope.ID);
            if (id != null) {
                body.put("id", id.toString());
            }
            write(exchange, status, body);
        };
    }

    /** The answer to an accepted event: 202 with its id and channel. */
    public static Processor accepted(String channel) {
        return accepted(exchange -> channel);
    }

    /** The answer to an accepted event whose channel was chosen per message (by a router). */
    public static Processor accepted(Function<Exchange, String> channel) {
        return exchange -> {
            JsonObject body = new JsonObject();
            body.put("id", exchange.getMessage().getHeader(io.edakit.envelope.Envelope.ID, String.class));
            body.put("channel", channel.apply(exchange));
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
}
