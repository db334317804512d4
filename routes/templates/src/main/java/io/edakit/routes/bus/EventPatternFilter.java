package io.edakit.routes.bus;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.edakit.eventpattern.EventAttributes;
import io.edakit.eventpattern.EventPattern;
import io.edakit.eventpattern.PatternParser;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * One rule of the event bus as a step: an event whose envelope (and headers) match the pattern
 * goes on; any other ends its exchange here, successfully, so nothing after this step sees it and
 * its source acknowledges it. The pattern language is the bus's (docs/event-patterns.md); no
 * payload is parsed.
 */
public final class EventPatternFilter implements Processor {

    private final EventPattern pattern;

    /**
     * @param pattern YAML or JSON, such as {@code {type: [order.created], tenant: [{prefix: "eu-"}]}};
     *                URL-encoded when it contains a {@code %}: a Pipe's properties reach a Kamelet so
     *                (Kamelet URIs are raw, and the Pipe encodes the query), and a pattern has no other
     *                use for {@code %} than a prefix or suffix that contains one (write it {@code %25})
     */
    public EventPatternFilter(String pattern) {
        String text = pattern.contains("%") ? URLDecoder.decode(pattern, StandardCharsets.UTF_8) : pattern;
        this.pattern = PatternParser.parseYaml(text, "parameter 'pattern'");
    }

    @Override
    public void process(Exchange exchange) {
        if (!pattern.matches(EventAttributes.fromHeaders(exchange.getMessage().getHeaders()))) {
            exchange.setRouteStop(true);
        }
    }
}
