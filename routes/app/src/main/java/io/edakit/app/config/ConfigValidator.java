package io.edakit.app.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.edakit.config.Names;
import io.edakit.config.Param;
import io.edakit.config.ParameterSpec;
import io.edakit.config.Secrets;
import io.edakit.schema.SchemaSettings;
import io.edakit.routes.catalog.TemplateCatalog;
import io.edakit.routes.catalog.TemplateRegistry;
import io.edakit.routes.templates.TemplateChecks;
import io.edakit.routes.templates.TemplateDescriptor;
import io.edakit.transport.kafka.KafkaSettings;

/**
 * Checks a configuration before anything starts: template instances (known template id, known
 * parameters, required ones present, values of the right type and range, then what the values
 * name: files, expressions, endpoint components; see {@link TemplateChecks}), {@code edakit.*}
 * settings and the HTTP servers' ports ({@link SettingChecks}). Whatever would stop the application
 * during start-up is reported here, so that {@code validate} and {@code run} refuse the same
 * configurations, before a port or a journal is opened. Every problem names the file, the key and
 * what is expected; values of secret keys are never echoed. Other keys ({@code camel.*} apart from
 * the HTTP servers', the application's own) are Camel's to check.
 */
public final class ConfigValidator {

    /** A key of a template instance's block: group 1 the instance's key, group 2 the parameter. */
    public static final Pattern TEMPLATE_KEY =
            Pattern.compile("camel\\.(?:route-template|routeTemplate)\\[([^\\]]+)\\]\\.(.+)");
    private static final String TEMPLATE_ID = "templateId";
    /** {@code camel.beans.NAME=...} or {@code camel.beans.NAME.property=...}: a bean the application will have. */
    private static final Pattern BEAN_KEY = Pattern.compile("camel\\.beans\\.([^.\\[]+)");
    private static final String SCHEMA_VALIDATION = "schemaValidation";

    /** One {@code camel.route-template[KEY]} block. */
    private record Instance(String name, Map<String, ConfigEntry> parameters) {
    }

    /**
     * Every problem of {@code config} as the application would see it: the files, then system
     * properties and environment variables of the declared settings, which Camel prefers to them.
     */
    public List<ConfigProblem> validate(LoadedConfig config) {
        LoadedConfig effective = effective(config);
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Instance> instances = new LinkedHashMap<>();
        Set<String> beans = new TreeSet<>();
        for (ConfigEntry entry : effective.entries()) {
            Matcher template = TEMPLATE_KEY.matcher(entry.key());
            Matcher bean = BEAN_KEY.matcher(entry.key());
            if (template.matches()) {
                instances.computeIfAbsent(template.group(1), name -> new Instance(name, new LinkedHashMap<>()))
                        .parameters().put(Names.camelCase(template.group(2)), entry);
            } else if (entry.key().startsWith(SettingGroups.PREFIX)) {
                checkSetting(entry).ifPresent(problems::add);
            } else if (bean.lookingAt()) {
                beans.add(bean.group(1));
            }
        }
        UnstartedCamel camel = new UnstartedCamel(beans);
        instances.values().forEach(instance -> checkInstance(instance, effective, camel, problems));
        problems.addAll(SettingChecks.check(effective));
        problems.addAll(KameletUriChecks.check(effective));
        Set<String> reported = new TreeSet<>();
        problems.forEach(problem -> reported.add(problem.key()));
        CamelMainChecks.check(effective, camel).stream().filter(problem -> !reported.contains(problem.key()))
                .forEach(problems::add);
        problems.sort(Comparator.comparing(ConfigProblem::file).thenComparing(ConfigProblem::key));
        return problems;
    }

    /**
     * {@code config} as the application will read it: system properties and environment variables
     * of the declared settings (edakit's and the HTTP servers') replace the files' values.
     */
    public static LoadedConfig effective(LoadedConfig config) {
        List<String> declared = new ArrayList<>();
        SettingGroups.KEYS.forEach(spec -> declared.add(spec.name()));
        HttpSettings.DEFINITIONS.forEach(spec -> declared.add(spec.name()));
        return config.withEnvironment(declared, System.getenv(), System.getProperties());
    }

    private void checkInstance(Instance instance, LoadedConfig config, UnstartedCamel camel,
                               List<ConfigProblem> problems) {
        ConfigEntry idEntry = instance.parameters().get(TEMPLATE_ID);
        String prefix = "camel.route-template[" + instance.name() + "].";
        if (idEntry == null) {
            ConfigEntry any = instance.parameters().values().iterator().next();
            problems.add(new ConfigProblem(any.file(), prefix + "template-id",
                    "missing: every template instance names its template (" + knownTemplates() + ")"));
            return;
        }
        String id = idEntry.value().trim();
        Optional<TemplateDescriptor> found = TemplateCatalog.find(id);
        if (found.isEmpty()) {
            String hint = TemplateCatalog.closestId(id).map(close -> "did you mean '" + close + "'? ").orElse("");
            problems.add(new ConfigProblem(idEntry.file(), idEntry.key(),
                    "unknown template '" + id + "'; " + hint + "known templates: " + knownTemplates()));
            return;
        }
        TemplateDescriptor template = found.get();
        int before = problems.size();
        for (Map.Entry<String, ConfigEntry> parameter : instance.parameters().entrySet()) {
            if (!parameter.getKey().equals(TEMPLATE_ID)) {
                checkParameter(template, instance, parameter.getValue(), parameter.getKey(), problems);
            }
        }
        // the keys already refused, so that one mistake is reported once; the template's own checks
        // read values as their types promise, so they wait until every value has its type
        Set<String> refused = new TreeSet<>();
        problems.subList(before, problems.size()).forEach(problem -> refused.add(problem.key()));
        int typed = problems.size();
        checkContent(template, instance, idEntry, prefix, camel, refused.isEmpty(), problems);
        problems.subList(typed, problems.size()).removeIf(problem -> refused.contains(problem.key()));
        if (refused.isEmpty()) {
            checkSchemaValidation(instance, config).ifPresent(problems::add);
        }
        for (ParameterSpec spec : template.parameters()) {
            if (spec.required() && !instance.parameters().containsKey(spec.camelCaseName())) {
                problems.add(new ConfigProblem(idEntry.file(), prefix + spec.name(), spec.name(),
                        "missing required parameter of template " + template.id() + ": " + spec.description()
                                + " Example: " + spec.example()));
            }
        }
    }

    /** What the template itself checks once every value has the right type (files a parameter names ...). */
    private void checkContent(TemplateDescriptor template, Instance instance, ConfigEntry idEntry, String prefix,
                              UnstartedCamel camel, boolean wellTyped, List<ConfigProblem> problems) {
        Function<String, String> values = name -> Optional.ofNullable(instance.parameters().get(name))
                .map(ConfigEntry::value)
                .orElseGet(() -> template.parameter(name).map(ParameterSpec::defaultValue).orElse(""));
        TemplateRegistry.ALL.stream().filter(t -> t.descriptor().id().equals(template.id())).findFirst()
                .ifPresent(checked -> TemplateChecks.check(checked, values, camel.get(), wellTyped).forEach(problem -> {
                    if (problem.about().isEmpty()) {
                        problems.add(new ConfigProblem(idEntry.file(), prefix + "template-id", problem.message()));
                        return;
                    }
                    // reported at the parameter's own key (the one to add, when not given): the message
                    // need not name it again
                    Param<?> parameter = problem.about().get();
                    ConfigEntry given = instance.parameters().get(parameter.key());
                    problems.add(new ConfigProblem(given != null ? given.file() : idEntry.file(),
                            given != null ? given.key() : prefix + parameter.name(), parameter.name(),
                            problem.message()));
                }));
    }

    /** Asked for in so many words, schema validation without schemas would check nothing, silently. */
    private static Optional<ConfigProblem> checkSchemaValidation(Instance instance, LoadedConfig config) {
        return Optional.ofNullable(instance.parameters().get(SCHEMA_VALIDATION))
                .filter(entry -> Boolean.parseBoolean(entry.value().trim()))
                .filter(entry -> config.settings().find(SchemaSettings.DIRECTORY).isEmpty())
                .map(entry -> new ConfigProblem(entry.file(), entry.key(), Names.dashed(SCHEMA_VALIDATION), "true needs "
                        + SchemaSettings.DIRECTORY.name() + " (a folder of JSON Schemas); without it no event "
                        + "is checked"));
    }

    private void checkParameter(TemplateDescriptor template, Instance instance, ConfigEntry entry, String name,
                                List<ConfigProblem> problems) {
        Optional<ParameterSpec> spec = template.parameter(name);
        if (spec.isEmpty()) {
            String hint = closest(name, template.parameters()).map(p -> "did you mean '" + p + "'? ").orElse("");
            String routeIdHint = name.equals("routeId")
                    ? "the route id is the key in brackets ('" + instance.name() + "'). " : "";
            problems.add(new ConfigProblem(entry.file(), entry.key(), "unknown parameter of template " + template.id()
                    + "; " + routeIdHint + hint + "parameters: " + parameterNames(template.parameters())));
            return;
        }
        spec.get().check(entry.value()).ifPresent(problem -> problems.add(new ConfigProblem(entry.file(), entry.key(),
                spec.get().name(), masked(spec.get(), entry, problem))));
    }

    private Optional<ConfigProblem> checkSetting(ConfigEntry entry) {
        if (SettingGroups.inFamily(entry.key())) {
            return Optional.empty();
        }
        if (entry.key().startsWith(KafkaSettings.PASS_THROUGH_PREFIX)) {
            return Optional.of(new ConfigProblem(entry.file(), entry.key(), "not a Kafka producer, consumer or admin "
                    + "client property: " + entry.key().substring(KafkaSettings.PASS_THROUGH_PREFIX.length())));
        }
        Optional<ParameterSpec> spec = SettingGroups.find(entry.key());
        if (spec.isEmpty()) {
            String hint = closest(entry.key(), SettingGroups.KEYS).map(p -> "did you mean '" + p + "'? ").orElse("");
            return Optional.of(new ConfigProblem(entry.file(), entry.key(), "unknown edakit setting; " + hint
                    + "settings: " + parameterNames(SettingGroups.KEYS)));
        }
        return spec.get().check(entry.value()).map(problem -> new ConfigProblem(entry.file(), entry.key(),
                spec.get().name(), masked(spec.get(), entry, problem)));
    }

    private static String masked(ParameterSpec spec, ConfigEntry entry, String problem) {
        if (spec.secret() || Secrets.isSecretKey(entry.key())) {
            return "invalid value (not shown: secret) for type " + spec.type().label();
        }
        return problem;
    }

    private static Optional<String> closest(String name, List<ParameterSpec> specs) {
        String dashed = Names.dashed(name);
        return specs.stream().map(ParameterSpec::name)
                .min(Comparator.comparingInt(known -> Names.distance(known, dashed)))
                .filter(known -> Names.distance(known, dashed) <= Math.max(3, dashed.length() / 3));
    }

    private static String parameterNames(List<ParameterSpec> specs) {
        return String.join(", ", specs.stream().map(ParameterSpec::name).toList());
    }

    private static String knownTemplates() {
        return String.join(", ", TemplateCatalog.all().stream().map(TemplateDescriptor::id).toList());
    }
}
