package io.edakit.spring.boot;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.edakit.config.Names;
import io.edakit.config.Param;
import io.edakit.config.ParameterSpec;
import io.edakit.config.SettingException;
import io.edakit.routes.catalog.TemplateRegistry;
import io.edakit.routes.templates.EdakitTemplate;
import io.edakit.routes.templates.TemplateDescriptor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Checks the instances of edakit's templates that {@code camel.routetemplate.config[N]} declares
 * (camel-spring-boot's way of instantiating templates from properties) as the fat jar's {@code validate}
 * checks {@code camel.route-template[KEY]}: unknown parameters (with the closest one), missing
 * required ones, values of the wrong type or out of range. One difference is checked too:
 * camel-spring-boot passes parameter names as written, and Camel silently ignores a name the template
 * does not declare, so {@code keep-headers} would leave the default in place: it must be written
 * camelCase ({@code keepHeaders}), as in a Kamelet URI. Instances of other templates are left alone.
 */
final class RouteTemplateConfigCheck {

    private static final Pattern KEY = Pattern.compile("camel\\.routetemplate\\.config\\[(\\d+)]\\.(.+)");

    private RouteTemplateConfigCheck() {
    }

    static void check(ConfigurableEnvironment environment) {
        Map<Integer, Map<String, String>> instances = instances(environment);
        instances.forEach((index, parameters) -> {
            String prefix = "camel.routetemplate.config[" + index + "].";
            String templateId = Optional.ofNullable(parameters.get("template-id")).orElse(parameters.get("templateId"));
            Optional<TemplateDescriptor> template = TemplateRegistry.ALL.stream().map(EdakitTemplate::descriptor)
                    .filter(descriptor -> descriptor.id().equals(templateId)).findFirst();
            template.ifPresent(descriptor -> check(prefix, descriptor, parameters));
        });
    }

    private static void check(String prefix, TemplateDescriptor template, Map<String, String> parameters) {
        parameters.forEach((name, value) -> {
            if (Names.camelCase(name).equals("templateId") || Names.camelCase(name).equals("routeId")) {
                return;
            }
            Optional<Param<?>> param = template.param(name);
            if (param.isEmpty()) {
                throw new SettingException(prefix + name, "unknown parameter of template " + template.id()
                        + "; did you mean '" + closest(template, name) + "'?");
            }
            if (!param.get().key().equals(name)) {
                throw new SettingException(prefix + name, "write it camelCase, " + prefix + param.get().key()
                        + ": camel-spring-boot passes the name as written and Camel would ignore it");
            }
            ParameterSpec spec = param.get().spec();
            if (!value.contains("{{")) { // a Camel placeholder is resolved later, by Camel
                spec.check(value).ifPresent(problem -> {
                    throw new SettingException(prefix + name, spec.secret()
                            ? "invalid value (not shown: secret) for type " + spec.type().label() : problem);
                });
            }
        });
        for (ParameterSpec spec : template.parameters()) {
            if (spec.required() && !parameters.containsKey(spec.camelCaseName())) {
                throw new SettingException(prefix + spec.camelCaseName(), "required parameter of template "
                        + template.id() + ": " + spec.description());
            }
        }
    }

    /** Index to parameters, from every enumerable property source; the first source naming a key wins, as in Spring. */
    private static Map<Integer, Map<String, String>> instances(ConfigurableEnvironment environment) {
        Map<Integer, Map<String, String>> instances = new TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String key : enumerable.getPropertyNames()) {
                    Matcher matcher = KEY.matcher(key);
                    if (matcher.matches()) {
                        instances.computeIfAbsent(Integer.valueOf(matcher.group(1)), index -> new TreeMap<>())
                                .putIfAbsent(matcher.group(2), environment.getProperty(key));
                    }
                }
            }
        }
        return instances;
    }

    private static String closest(TemplateDescriptor template, String name) {
        return template.parameters().stream().map(ParameterSpec::camelCaseName)
                .min(Comparator.comparingInt(candidate -> Names.distance(candidate, Names.camelCase(name)))).orElse("");
    }
}
