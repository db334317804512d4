package io.edakit.fairness;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.edakit.transport.ChannelMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.DefaultExchange;

/**
 * Which tenant a message belongs to: the fairness key, a Camel simple expression evaluated on the
 * message's envelope. {@code ${header.name}} (the usual form) is read straight from the headers, with
 * no exchange built; any other expression is evaluated on a throwaway exchange holding the
 * message's headers and body. A message without a value belongs to the tenant {@value #NONE}.
 */
@FunctionalInterface
public interface TenantKey {

    /** The tenant of messages whose key has no value (a foreign producer that sets no tenant). */
    String NONE = "-";

    String tenantOf(ChannelMessage message);

    /** The key {@code expression} names; a malformed expression throws, saying what was expected. */
    static TenantKey of(String expression, CamelContext context) {
        Matcher header = Pattern.compile("\\$\\{(?:header|headers|in\\.header)\\.([^}\\s]+)}").matcher(expression.trim());
        if (header.matches()) {
            String name = header.group(1);
            return message -> orNone(message.headers().get(name));
        }
        if (!expression.contains("${")) {
            throw new IllegalArgumentException("expected a simple expression such as ${header.ce_tenant}, was '"
                    + expression + "'");
        }
        Expression compiled;
        try {
            compiled = context.resolveLanguage("simple").createExpression(expression);
            compiled.init(context);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected a simple expression such as ${header.ce_tenant}, was '"
                    + expression + "': " + e.getMessage(), e);
        }
        return message -> {
            Exchange exchange = new DefaultExchange(context);
            message.headers().forEach(exchange.getIn()::setHeader);
            exchange.getIn().setBody(message.body());
            return orNone(compiled.evaluate(exchange, String.class));
        };
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}
