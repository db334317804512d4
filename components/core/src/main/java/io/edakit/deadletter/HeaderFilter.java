package io.edakit.deadletter;

import java.util.Map;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.selector.filter.BooleanExpression;
import org.apache.activemq.artemis.selector.filter.FilterException;
import org.apache.activemq.artemis.selector.filter.Filterable;
import org.apache.activemq.artemis.selector.impl.SelectorParser;

/**
 * A condition over a message's headers in JMS selector syntax, the same on every transport:
 * {@code edakit_failure_exception LIKE '%Timeout%' AND ce_type = 'order.created'}. Header values
 * that look like numbers compare as numbers ({@code edakit_failure_attempts > 3}).
 */
public final class HeaderFilter {

    private final String expression;
    private final BooleanExpression filter;

    private HeaderFilter(String expression, BooleanExpression filter) {
        this.expression = expression;
        this.filter = filter;
    }

    /** Parses {@code expression}; a syntax error is reported with the expression. */
    public static HeaderFilter parse(String expression) {
        try {
            // Artemis' selector parser (the client's artemis-selector jar, what the broker's filters
            // are made of): no broker needed to read dead letters' headers
            if (expression == null || expression.isBlank()) {
                throw new IllegalArgumentException("empty filter");
            }
            return new HeaderFilter(expression, SelectorParser.parse(expression));
        } catch (Exception e) {
            throw new IllegalArgumentException("invalid filter '" + expression + "': " + e.getMessage(), e);
        }
    }

    public boolean matches(Map<String, String> headers) {
        try {
            return filter.matches(new HeaderView(headers));
        } catch (FilterException e) {
            return false; // as the broker's filter answers an expression it cannot evaluate on a message
        }
    }

    @Override
    public String toString() {
        return expression;
    }

    private record HeaderView(Map<String, String> headers) implements Filterable {

        @Override
        public <T> T getBodyAs(Class<T> type) {
            return null;
        }

        @Override
        public Object getProperty(SimpleString name) {
            String value = headers.get(name.toString());
            if (value == null) {
                return null;
            }
            try {
                return Long.valueOf(value);
            } catch (NumberFormatException notInteger) {
                try {
                    return value.matches("-?\\d+\\.\\d+") ? Double.valueOf(value) : value;
                } catch (NumberFormatException notNumber) {
                    return value;
                }
            }
        }

        @Override
        public Object getLocalConnectionId() {
            return null;
        }
    }
}
