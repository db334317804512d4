package io.edakit.routes.eventstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;
import io.edakit.eventstore.Fold;
import io.edakit.eventstore.JsonataFold;
import io.edakit.eventstore.MergePatch;
import io.edakit.eventstore.StoredEvent;
import io.edakit.eventstore.Upcaster;
import io.edakit.eventstore.UpcasterDeclarations;
import io.edakit.eventstore.Upcasters;
import org.apache.camel.spi.Registry;

/**
 * The fold and the upcasters a state is rebuilt with, as the event-store template's {@code fold}
 * and {@code upcasters} parameters (and the HTTP state API) name them.
 *
 * <p>A fold is blank (JSON merge patch), a JSONata expression, or {@code #name}: a bean of the
 * Camel registry that is either a {@link Fold} or a
 * {@code BiFunction<JsonNode, JsonNode, JsonNode>} taking (state so far, event data) to the next
 * state. A function has no identity of its own, so its snapshots are keyed by the bean's name: give
 * the bean another name when its logic changes (a {@link Fold} names its logic in {@link Fold#identity()}).
 *
 * <p>Upcasters are blank (none) or entries separated by {@code ;} or {@code ,}, merged in one: each
 * {@code #name}, a bean that is an {@link Upcaster}, an {@link Upcasters} or a collection of
 * {@link Upcaster}s, or {@code TYPE@REVISION=JSONata} ({@link UpcasterDeclarations}).
 */
public final class ReaderBeans {

    /** What a bean reference that does not fit is told it should have been. */
    static final String FOLD_SHAPES = "a bean implementing " + Fold.class.getName()
            + " or a java.util.function.BiFunction<JsonNode, JsonNode, JsonNode> (state, data) -> next state";
    static final String UPCASTER_SHAPES = "beans that are each an " + Upcaster.class.getName() + ", an "
            + Upcasters.class.getName() + " or a collection of Upcasters";

    private ReaderBeans() {
    }

    /** Whether {@code value} names beans ({@code #name}) rather than holding an expression. */
    static boolean isReference(String value) {
        return value != null && value.strip().startsWith("#");
    }

    /**
     * The fold {@code value} names; {@code key} names where it was given in an exception's message.
     *
     * @throws IllegalArgumentException naming {@code key} when the expression does not parse or the bean is missing or
     *                                  of another kind
     */
    public static Fold fold(String key, String value, Registry registry) {
        if (value == null || value.isBlank()) {
            return MergePatch.FOLD;
        }
        if (!isReference(value)) {
            try {
                return new JsonataFold(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
        String name = beanName(key, value);
        Object bean = registry.lookupByName(name);
        if (bean instanceof Fold fold) {
            return fold;
        }
        if (bean instanceof BiFunction<?, ?, ?> function) {
            return new FunctionFold(name, function);
        }
        throw new IllegalArgumentException(key + "=" + value.strip() + ": " + (bean == null ? "no bean named '" + name
                + "' in the Camel registry" : "bean '" + name + "' is a " + bean.getClass().getName()) + "; expected "
                + FOLD_SHAPES);
    }

    /**
     * The upcasters {@code value} names or declares (blank: none): its entries are bean references
     * and {@link UpcasterDeclarations JSONata declarations}, merged in one; {@code key} names where it
     * was given in an exception's message.
     */
    public static Upcasters upcasters(String key, String value, Registry registry) {
        if (value == null || value.isBlank()) {
            return Upcasters.NONE;
        }
        List<Upcaster> all = new ArrayList<>();
        for (String entry : UpcasterDeclarations.entries(value)) {
            if (!isReference(entry)) {
                all.add(declared(key, value, entry));
                continue;
            }
            String name = beanName(key, entry);
            Object bean = registry.lookupByName(name);
            upcastersOf(bean).ifPresentOrElse(all::addAll, () -> {
                throw new IllegalArgumentException(key + "=" + value.strip() + ": " + (bean == null ? "no bean named '"
                        + name + "' in the Camel registry" : "bean '" + name + "' is a " + bean.getClass().getName())
                        + "; expected " + UPCASTER_SHAPES);
            });
        }
        try {
            return new Upcasters(all);
        } catch (IllegalArgumentException e) { // two for one type and revision, or a revision left out
            throw new IllegalArgumentException(key + "=" + value.strip() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The declared (JSONata) upcasters of {@code value}, checked among themselves (each parses, no
     * duplicate, no gap), for the configuration check: bean references are left for the start-up.
     *
     * @throws IllegalArgumentException saying what is wrong and what was expected
     */
    static Upcasters declaredUpcasters(String value) {
        return new Upcasters(UpcasterDeclarations.entries(value).stream().filter(entry -> !isReference(entry))
                .map(entry -> declared(null, value, entry)).toList());
    }

    /** The bean names {@code value} refers to ({@code #a,#b}), declarations left out. */
    public static List<String> references(String value) {
        List<String> names = new ArrayList<>();
        for (String entry : UpcasterDeclarations.entries(value)) {
            if (isReference(entry)) {
                names.add(entry.substring(1).strip());
            }
        }
        return names;
    }

    /**
     * The bean names in {@code value} that {@code exists} does not know ({@code #a,#b}); for the
     * configuration check, where beans are known by name only.
     */
    static List<String> missingBeans(String value, java.util.function.Predicate<String> exists) {
        return references(value).stream().filter(name -> !name.isEmpty() && !exists.test(name)).toList();
    }

    private static Upcaster declared(String key, String value, String entry) {
        try {
            return UpcasterDeclarations.parse(entry);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() + (UpcasterDeclarations.isDeclaration(entry) ? ""
                    : " or #name, a bean: " + UPCASTER_SHAPES);
            throw new IllegalArgumentException(key == null ? message : key + "=" + value.strip() + ": " + message, e);
        }
    }

    private static Optional<List<Upcaster>> upcastersOf(Object bean) {
        if (bean instanceof Upcaster upcaster) {
            return Optional.of(List.of(upcaster));
        }
        if (bean instanceof Upcasters upcasters) {
            return Optional.of(upcasters.list());
        }
        if (bean instanceof Collection<?> collection && collection.stream().allMatch(Upcaster.class::isInstance)) {
            return Optional.of(collection.stream().map(Upcaster.class::cast).toList());
        }
        return Optional.empty();
    }

    private static String beanName(String key, String reference) {
        String name = reference.strip().substring(1).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(key + "=" + reference.strip() + ": expected #name, the name of a bean");
        }
        return name;
    }

    /** A (state, data) function as a fold, keyed by its bean's name (a lambda's class name changes from run to run). */
    private record FunctionFold(String name, BiFunction<?, ?, ?> function) implements Fold {

        @Override
        public String identity() {
            return "bean:" + name;
        }

        @Override
        @SuppressWarnings("unchecked")
        public JsonNode apply(JsonNode state, JsonNode data, StoredEvent event) {
            return ((BiFunction<JsonNode, JsonNode, JsonNode>) function).apply(state, data);
        }
    }
}
