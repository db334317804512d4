package io.edakit.routes.bus;

/**
 * Where a rule delivers: a channel name ({@code warehouse}) or any Camel endpoint URI
 * ({@code channel:warehouse}, {@code http://...}, {@code bean:...}).
 *
 * @param uri     the endpoint to send to
 * @param channel the channel, when the target is one (null for other endpoints)
 */
record Target(String uri, String channel) {

    static Target parse(String text) {
        String trimmed = text.trim();
        if (!trimmed.contains(":")) {
            return new Target("channel:" + trimmed, trimmed);
        }
        if (trimmed.startsWith("channel:")) {
            String name = trimmed.substring("channel:".length());
            int options = name.indexOf('?');
            return new Target(trimmed, options < 0 ? name : name.substring(0, options));
        }
        return new Target(trimmed, null);
    }
}
