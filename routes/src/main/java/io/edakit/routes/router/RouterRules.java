package io.edakit.routes.router;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;

/**
 * Parses a router's rules: entries separated by {@code ;} or new lines, each
 * {@code [simple:|jsonpath:]<predicate> -> <channel>} (simple when no language is named), in order.
 * <pre>
 * ${header.ce_tenant} == 'bigco' -> orders.bigco; jsonpath:$[?(@.kind == 'digital')] -> orders.digital
 * </pre>
 */
final class RouterRules {

    private static final String ARROW = "->";

    private RouterRules() {
    }

    static List<RouterRule> parse(CamelContext context, String rules) {
        List<RouterRule> parsed = new ArrayList<>();
        for (String entry : rules.split("[;\\n]")) {
            String text = entry.trim();
            if (text.isEmpty()) {
                continue;
            }
            int arrow = text.lastIndexOf(ARROW);
            if (arrow <= 0 || arrow + ARROW.length() >= text.length()) {
                throw new IllegalArgumentException("router rule '" + text + "' is not '<predicate> -> <channel>'");
            }
            String condition = text.substring(0, arrow).trim();
            String destination = text.substring(arrow + ARROW.length()).trim();
            if (!destination.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("router rule '" + text + "': '" + destination + "' is not a channel name");
            }
            parsed.add(new RouterRule(text, predicate(context, condition, text), destination));
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("a router needs at least one rule");
        }
        return List.copyOf(parsed);
    }

    private static org.apache.camel.Predicate predicate(CamelContext context, String condition, String rule) {
        String language = "simple";
        String expression = condition;
        if (condition.startsWith("jsonpath:") || condition.startsWith("simple:")) {
            language = condition.substring(0, condition.indexOf(':'));
            expression = condition.substring(language.length() + 1).trim();
        }
        try {
            org.apache.camel.Predicate predicate = context.resolveLanguage(language).createPredicate(expression);
            predicate.init(context);
            return predicate;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("router rule '" + rule + "': invalid " + language + " predicate: "
                    + e.getMessage(), e);
        }
    }
}
