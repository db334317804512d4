package io.edakit.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.edakit.archive.ArchiveSettings;
import io.edakit.config.Param;
import io.edakit.config.ParameterSpec;
import io.edakit.config.ParameterType;
import io.edakit.eventstore.EventStoreSettings;
import io.edakit.idempotency.IdempotencySettings;
import io.edakit.jdbc.JdbcSettings;
import io.edakit.saga.SagaSettings;
import io.edakit.workflow.durable.WorkflowSettings;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.catalog.TemplateRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.RouteTemplateContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.BeanFactoryDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each template's declarations and its route agree: every {@code {{placeholder}}} in the route
 * (endpoint URIs, error handler, redelivery policy, anywhere in the model) names a declared
 * parameter or one of the template's own beans, and every declared parameter is used, by a
 * placeholder or by a bean the template creates for an instance. Read from the Camel model the
 * template defines and from the bean factories run against a recording template context, not
 * from the source text.
 */
class TemplatePlaceholdersTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    @TempDir
    Path dir;

    private CamelContext camel;

    @BeforeEach
    void startCamel() throws Exception {
        camel = new DefaultCamelContext();
        // with schema validation on, the unknown-type policy is read: an empty folder of schemas is enough
        camel.getPropertiesComponent().addInitialProperty("edakit.schema.directory",
                Files.createDirectories(dir.resolve("schemas")).toString());
        // the templates' beans open their stores (saga log, event store, workflow store, archive,
        // idempotency keys): in memory here, not as files under the working directory's ./data
        for (JdbcSettings.Keys store : List.of(SagaSettings.JDBC, EventStoreSettings.JDBC, WorkflowSettings.JDBC,
                ArchiveSettings.JDBC, IdempotencySettings.JDBC)) {
            camel.getPropertiesComponent().addInitialProperty(store.url().name(),
                    "jdbc:h2:mem:placeholders-" + store.url().name() + ";DB_CLOSE_DELAY=-1");
        }
        camel.start();
    }

    @AfterEach
    void stopCamel() throws Exception {
        camel.close();
    }

    static List<EdakitTemplate> templates() {
        return TemplateRegistry.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void everyPlaceholderIsDeclaredAndEveryDeclaredParameterIsUsed(EdakitTemplate template) throws Exception {
        RouteTemplateDefinition definition = definition(template);
        Set<String> declared = template.descriptor().params().stream().map(Param::key)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> beans = beans(definition).stream().map(BeanFactoryDefinition::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> placeholders = new TreeSet<>();
        strings(definition.getRoute(), Collections.newSetFromMap(new IdentityHashMap<>())).forEach(text -> {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                placeholders.add(matcher.group(1));
            }
        });
        assertThat(placeholders).as("the route of %s refers to these placeholders", template.descriptor().id())
                .isNotEmpty();
        Set<String> undeclared = new TreeSet<>(placeholders);
        undeclared.removeAll(declared);
        undeclared.removeAll(beans);
        assertThat(undeclared).as("placeholders of %s that no parameter or bean of it declares",
                template.descriptor().id()).isEmpty();

        Set<String> used = new TreeSet<>(placeholders);
        used.addAll(readByBeans(template, definition));
        Set<String> unused = new TreeSet<>(declared);
        unused.removeAll(used);
        assertThat(unused).as("parameters of %s that neither its route nor its beans use",
                template.descriptor().id()).isEmpty();
    }

    private static RouteTemplateDefinition definition(EdakitTemplate template) throws Exception {
        RouteBuilder builder = new RouteBuilder() {
            @Override
            public void configure() {
                template.define(this);
            }
        };
        builder.configure();
        List<RouteTemplateDefinition> definitions = builder.getRouteTemplateCollection().getRouteTemplates();
        assertThat(definitions).hasSize(1);
        return definitions.get(0);
    }

    private static List<BeanFactoryDefinition<RouteTemplateDefinition>> beans(RouteTemplateDefinition definition) {
        return definition.getTemplateBeans() == null ? List.of() : definition.getTemplateBeans();
    }

    /**
     * The keys the template's beans read when they are created for an instance with working values,
     * every switch on (so that what a switch guards is read too).
     */
    private Set<String> readByBeans(EdakitTemplate template, RouteTemplateDefinition definition) throws Exception {
        Map<String, Object> values = new HashMap<>();
        for (ParameterSpec parameter : template.descriptor().parameters()) {
            values.put(parameter.camelCaseName(), parameter.required() ? parameter.example()
                    : parameter.type() == ParameterType.BOOLEAN ? "true" : parameter.defaultValue());
        }
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - name: orders
                    pattern: { type: [order.created] }
                    targets: [warehouse]
                unmatched: drop
                """);
        values.computeIfPresent("rulesFile", (key, value) -> rules.toString());
        values.computeIfPresent("steps", (key, value) -> "reserve=direct:reserve|direct:release");
        if ("workflow".equals(template.descriptor().id())) {
            Path machine = Files.writeString(dir.resolve("flow.asl.json"),
                    "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"direct:a\", \"End\": true}}}");
            values.put("definition", machine.toString());
        }
        Set<String> read = new TreeSet<>();
        RouteTemplateContext context = recording(values, read);
        for (BeanFactoryDefinition<?> bean : beans(definition)) {
            bean.getBeanSupplier().get(context);
        }
        return read;
    }

    /** A template context over {@code values} that notes each key read through it. */
    private RouteTemplateContext recording(Map<String, Object> values, Set<String> read) {
        Map<String, Object> parameters = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        return (RouteTemplateContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RouteTemplateContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCamelContext" -> camel;
                    case "getParameters" -> parameters;
                    case "hasParameter" -> parameters.containsKey((String) args[0]);
                    case "getProperty" -> {
                        read.add((String) args[0]);
                        Object value = parameters.get((String) args[0]);
                        yield value == null || args.length == 1 ? value
                                : camel.getTypeConverter().convertTo((Class<?>) args[1], value);
                    }
                    case "toString" -> "recording template context";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Every string reachable from a Camel model object: URIs, expressions, options, references. */
    private static List<String> strings(Object node, Set<Object> seen) throws IllegalAccessException {
        List<String> found = new ArrayList<>();
        if (node == null || !seen.add(node)) {
            return found;
        }
        if (node instanceof String text) {
            found.add(text);
        } else if (node instanceof Collection<?> items) {
            for (Object item : items) {
                found.addAll(strings(item, seen));
            }
        } else if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                found.addAll(strings(entry.getKey(), seen));
                found.addAll(strings(entry.getValue(), seen));
            }
        } else if (node.getClass().isArray() && !node.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(node); i++) {
                found.addAll(strings(Array.get(node, i), seen));
            }
        } else if (node.getClass().getName().startsWith("org.apache.camel.model.")) {
            for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("parent")) {
                        continue;
                    }
                    field.setAccessible(true);
                    found.addAll(strings(field.get(node), seen));
                }
            }
        }
        return found;
    }
}
