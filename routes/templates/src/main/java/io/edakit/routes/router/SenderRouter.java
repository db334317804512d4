package io.edakit.routes.router;

import java.util.List;

import io.edakit.routes.metrics.TemplateMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sender-side routing: the first rule whose predicate matches names the destination channel; a
 * message no rule matches goes to the default channel, is dropped (counted), or is marked
 * {@link #UNROUTED} for the dead-letter channel, as configured.
 */
public final class SenderRouter implements Processor {

    /** Exchange property holding the destination channel chosen for the message. */
    public static final String DESTINATION = "EdakitDestination";
    /** Exchange property marking a message no rule matched, bound for the dead-letter channel. */
    public static final String UNROUTED = "EdakitUnrouted";
    /** Why an unrouted message is dead-lettered. */
    public static final String NO_RULE = "no router rule matches the message";

    /** Header telling consumers which rule routed the message. */
    public static final String RULE_HEADER = "edakit_router_rule";

    /** What happens to a message no rule matches. */
    public enum Unmatched { DEFAULT, DROP, DEAD_LETTER }

    private final List<RouterRule> rules;
    private final Unmatched unmatched;
    private final String defaultChannel;

    public SenderRouter(org.apache.camel.CamelContext context, String rules, Unmatched unmatched, String defaultChannel) {
        this.rules = RouterRules.parse(context, rules);
        this.unmatched = unmatched;
        this.defaultChannel = defaultChannel;
        if (unmatched == Unmatched.DEFAULT && (defaultChannel == null || defaultChannel.isBlank())) {
            throw new IllegalArgumentException("unmatched=default needs default-channel");
        }
    }

    @Override
    public void process(Exchange exchange) {
        for (RouterRule rule : rules) {
            if (rule.predicate().matches(exchange)) {
                exchange.setProperty(DESTINATION, rule.destination());
                exchange.getMessage().setHeader(RULE_HEADER, rule.text());
                return;
            }
        }
        switch (unmatched) {
            case DEFAULT -> exchange.setProperty(DESTINATION, defaultChannel);
            case DROP -> exchange.setProperty(TemplateMetrics.DROPPED, true);
            // failed only after the source headers are filtered (see the template), so that the dead
            // letter never carries them
            default -> exchange.setProperty(UNROUTED, true);
        }
    }
}
