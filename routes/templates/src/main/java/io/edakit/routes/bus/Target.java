package io.edakit.routes.bus;

import io.edakit.routes.templates.TemplateSupport;

/**
 * Where a rule delivers: a channel name ({@code warehouse}) or any Camel endpoint URI
 * ({@code channel:warehouse}, {@code http://...}, {@code bean:...}).
 *
 * @param uri     the endpoint to send to
 * @param channel the channel, when the target is one (null for other endpoints)
 */
public record Target(String uri, String channel) {

    public static Target parse(String text) {
        String trimmed = text.trim();
        if (!trimmed.contains(":")) {
            return new Target(TemplateSupport.ONE_WAY.formatted(trimmed), trimmed);
        }
        if (trimmed.startsWith("channel:")) {
            String name = trimmed.substring("channel:".length());
            int options = name.indexOf('?');
            String uri = trimmed.contains("exchangePattern=") ? trimmed
                    : trimmed + (options < 0 ? "?" : "&") + "exchangePattern=InOnly";
            return new Target(uri, options < 0 ? name : name.substring(0, options));
        }
        return new Target(trimmed, null);
    }
}
