package io.edakit.routes.archive;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.edakit.archive.ReplayHeaders;
import io.edakit.eventpattern.EventAttributes;
import io.edakit.eventpattern.EventPattern;
import io.edakit.eventpattern.PatternParser;
import io.edakit.routes.metrics.TemplateMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Which events an archive keeps: those matching its pattern (the event bus's language, over the
 * envelope and headers; none: every event) that no replay sent. Any other ends its exchange here,
 * successfully and counted as dropped, so the channel acknowledges it and nothing archives it: a
 * replayed event ({@link ReplayHeaders#REPLAY}) is in an archive already, and archiving it again would
 * replay it twice next time.
 */
final class ArchiveSelection implements Processor {

    private final EventPattern pattern;

    /** @param pattern YAML or JSON, URL-encoded when it contains a {@code %} (as the bus's filter); blank: every event */
    ArchiveSelection(String pattern) {
        if (pattern.isBlank()) {
            this.pattern = null;
        } else {
            String text = pattern.contains("%") ? URLDecoder.decode(pattern, StandardCharsets.UTF_8) : pattern;
            this.pattern = PatternParser.parseYaml(text, "parameter 'pattern'");
        }
    }

    @Override
    public void process(Exchange exchange) {
        var headers = exchange.getMessage().getHeaders();
        if (headers.get(ReplayHeaders.REPLAY) != null
                || pattern != null && !pattern.matches(EventAttributes.fromHeaders(headers))) {
            exchange.setProperty(TemplateMetrics.DROPPED, true);
            exchange.setRouteStop(true);
        }
    }
}
