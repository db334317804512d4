package io.edakit.routes.router;

import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import org.apache.camel.CamelContext;
import org.apache.camel.jsonpath.easypredicate.EasyPredicateParser;

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
            if (language.equals("jsonpath")) {
                compileJsonPath(expression);
            }
            return predicate;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new IllegalArgumentException("router rule '" + rule + "': invalid " + language + " predicate: "
                    + message, e);
        }
    }

    /**
     * Camel's JSONPath language parses the path anew for every message, so a broken one would fail
     * each message instead of the start-up: compile it here, as Camel will read it (a short form
     * such as {@code kind == 'digital'} expanded first). A path with simple placeholders
     * ({@code ${header.x}}) is only complete per message and is left to Camel.
     */
    private static void compileJsonPath(String expression) {
        if (expression.contains("${")) {
            return;
        }
        try {
            JsonPath.compile(new EasyPredicateParser().parse(expression));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // the parser fails on some truncated paths with an index error that says nothing
            throw new IllegalArgumentException("not a complete JSONPath", e);
        }
    }
}
