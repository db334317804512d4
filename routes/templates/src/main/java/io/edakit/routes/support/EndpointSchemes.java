package io.edakit.routes.support;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

import io.edakit.config.Names;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;

/**
 * Whether an endpoint URI's scheme names a Camel component the application has, decided where
 * Camel looks when it creates the endpoint (a component already added to the context, a bean of
 * that name in the registry, a component on the classpath under
 * {@code META-INF/services/org/apache/camel/component/<scheme>}), without creating or starting
 * anything. Templates that create their endpoints lazily (a handler called per message) check
 * here when they are created, so that a misspelt scheme stops start-up instead of
 * dead-lettering every message while health says UP; the configuration check uses the same test.
 */
public final class EndpointSchemes {

    private static final String COMPONENT_PATH = "META-INF/services/org/apache/camel/component/";

    private EndpointSchemes() {
    }

    /**
     * What is wrong with {@code uri}'s scheme, or empty when Camel will find its component. A scheme
     * written as a property placeholder ({@code {{handler.uri}}}) cannot be judged here and passes.
     */
    public static Optional<String> problem(CamelContext camel, String uri) {
        String text = uri.trim();
        int colon = text.indexOf(':');
        if (colon <= 0 || text.startsWith("{{")) {
            return Optional.empty(); // not a URI at all is the type check's business
        }
        String scheme = text.substring(0, colon);
        if (known(camel, scheme)) {
            return Optional.empty();
        }
        String hint = closest(camel, scheme).map(name -> "; did you mean '" + name + "'?").orElse("");
        return Optional.of("unknown endpoint scheme '" + scheme + "' in '" + text
                + "': no Camel component of that name is on the classpath" + hint);
    }

    /** Throws {@link IllegalArgumentException} naming {@code what} when {@link #problem} finds one. */
    public static void require(CamelContext camel, String uri, String what) {
        problem(camel, uri).ifPresent(problem -> {
            throw new IllegalArgumentException(what + ": " + problem);
        });
    }

    private static boolean known(CamelContext camel, String scheme) {
        return camel.hasComponent(scheme) != null
                || camel.getRegistry().lookupByName(scheme) != null
                || camel.getCamelContextExtension().getFactoryFinder(COMPONENT_PATH).findClass(scheme).isPresent();
    }

    private static Optional<String> closest(CamelContext camel, String scheme) {
        Set<String> names = PluginHelper.getComponentNameResolver(camel).resolveNames(camel);
        return names.stream().min(Comparator.comparingInt(name -> Names.distance(name, scheme)))
                .filter(name -> Names.distance(name, scheme) <= Math.max(2, scheme.length() / 3));
    }
}
