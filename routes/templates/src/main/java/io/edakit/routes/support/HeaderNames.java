package io.edakit.routes.support;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A configured list of header names: comma-separated names or wildcards ({@code tenant,x-*}),
 * matched ignoring case, as HTTP header names are.
 */
public final class HeaderNames {

    private final List<Pattern> patterns;

    public HeaderNames(String commaSeparated) {
        this.patterns = Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(HeaderNames::wildcard)
                .toList();
    }

    public boolean matches(String name) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(name).matches());
    }

    private static Pattern wildcard(String glob) {
        return Pattern.compile(Pattern.quote(glob).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE);
    }
}
