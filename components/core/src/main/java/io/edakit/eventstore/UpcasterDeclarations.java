package io.edakit.eventstore;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upcasters declared as text, without code: {@code TYPE@REVISION=JSONata}, the expression taking
 * the data of that revision as its input and answering the data of the next, for example
 * {@code order.placed@1={"total": cents / 100}; order.placed@2=$merge([$, {"currency": "EUR"}])}.
 *
 * <p>Entries are separated by {@code ;} or {@code ,} outside the expressions' brackets,
 * parentheses, braces and strings: neither can stand at the top level of a JSONata expression, so
 * an expression needs no quoting, and bean references ({@code #a,#b}) keep their old separator.
 */
public final class UpcasterDeclarations {

    /** What an entry should look like, for a message about one that does not. */
    public static final String SHAPE = "TYPE@REVISION=JSONata (the data of that revision in, the next one's out)";

    private static final Pattern DECLARATION = Pattern.compile("(?s)\\s*([^@=\\s#][^@=]*?)\\s*@\\s*(\\d+)\\s*=(.*)");

    private UpcasterDeclarations() {
    }

    /** The entries of {@code text}, stripped, empty ones left out. */
    public static List<String> entries(String text) {
        List<String> entries = new ArrayList<>();
        if (text == null) {
            return entries;
        }
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i++; // an escaped character, the quote included
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if ((c == ';' || c == ',') && depth == 0) {
                add(entries, text.substring(start, i));
                start = i + 1;
            }
        }
        add(entries, text.substring(start));
        return entries;
    }

    /** Whether {@code entry} is a declaration (a type, {@code @} and a revision), not something else such as a bean reference. */
    public static boolean isDeclaration(String entry) {
        return DECLARATION.matcher(entry).matches();
    }

    /**
     * The upcaster {@code entry} declares.
     *
     * @throws IllegalArgumentException naming the entry and what was expected, or why its expression does not parse
     */
    public static Upcaster parse(String entry) {
        Matcher matcher = DECLARATION.matcher(entry);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + entry.strip() + "': expected " + SHAPE);
        }
        String type = matcher.group(1);
        String expression = matcher.group(3).strip();
        int revision;
        try {
            revision = Integer.parseInt(matcher.group(2));
        } catch (NumberFormatException e) {
            revision = 0;
        }
        if (revision < 1 || expression.isEmpty()) {
            throw new IllegalArgumentException("'" + entry.strip() + "': expected " + SHAPE + ", a revision of 1 or "
                    + "more and an expression");
        }
        try {
            return Upcaster.jsonata(type, revision, expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("upcaster " + type + "@" + revision + ": JSONata '" + expression
                    + "' does not parse: " + rootMessage(e), e);
        }
    }

    /** The upcasters {@code text} declares, every entry a declaration, checked as {@link Upcasters} checks them. */
    public static Upcasters parseAll(String text) {
        return new Upcasters(entries(text).stream().map(UpcasterDeclarations::parse).toList());
    }

    private static String rootMessage(IllegalArgumentException e) {
        return e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
    }

    private static void add(List<String> entries, String entry) {
        if (!entry.isBlank()) {
            entries.add(entry.strip());
        }
    }
}
