package io.edakit.app.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.edakit.config.EdakitSettings;
import io.edakit.config.Names;
import io.edakit.config.ParameterSpec;
import io.edakit.config.Secrets;
import io.edakit.routes.catalog.TemplateCatalog;
import io.edakit.routes.catalog.TemplateDescriptor;
import io.edakit.routes.templates.TemplateRegistry;
import io.edakit.transport.kafka.KafkaSettings;

/**
 * Checks a configuration before anything starts: template instances (known template id, known
 * parameters, required ones present, values of the right type) and {@code edakit.*} settings.
 * Every problem names the file, the key and what is expected; values of secret keys are never
 * echoed. Other keys ({@code camel.*}, the application's own) are Camel's to check.
 */
public final class ConfigValidator {

    /** A key of a template instance's block: group 1 the instance's key, group 2 the parameter. */
    public static final Pattern TEMPLATE_KEY =
            Pattern.compile("camel\\.(?:route-template|routeTemplate)\\[([^\\]]+)\\]\\.(.+)");
    private static final String TEMPLATE_ID = "templateId";
    private static final Pattern QUOTED_PARAMETER = Pattern.compile("'([a-z0-9-]+)':");

    /** One {@code camel.route-template[KEY]} block. */
    private record Instance(String name, Map<String, ConfigEntry> parameters) {
    }

    public List<ConfigProblem> validate(LoadedConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Instance> instances = new LinkedHashMap<>();
        for (ConfigEntry entry : config.entries()) {
            Matcher template = TEMPLATE_KEY.matcher(entry.key());
            if (template.matches()) {
                instances.computeIfAbsent(template.group(1), name -> new Instance(name, new LinkedHashMap<>()))
                        .parameters().put(Names.camelCase(template.group(2)), entry);
            } else if (entry.key().startsWith(EdakitSettings.PREFIX)) {
                checkSetting(entry).ifPresent(problems::add);
            }
        }
        instances.values().forEach(instance -> checkInstance(instance, problems));
        problems.sort(Comparator.comparing(ConfigProblem::file).thenComparing(ConfigProblem::key));
        return problems;
    }

    private void checkInstance(Instance instance, List<ConfigProblem> problems) {
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
        if (problems.size() == before) {
            checkContent(template, instance, idEntry, prefix, problems);
        }
        for (ParameterSpec spec : template.parameters()) {
            if (spec.required() && !instance.parameters().containsKey(spec.camelCaseName())) {
                problems.add(new ConfigProblem(idEntry.file(), prefix + spec.name(),
                        "missing required parameter of template " + template.id() + ": " + spec.description()
                                + " Example: " + spec.example()));
            }
        }
    }

    /** What the template itself checks once every value has the right type (files a parameter names ...). */
    private void checkContent(TemplateDescriptor template, Instance instance, ConfigEntry idEntry, String prefix,
                              List<ConfigProblem> problems) {
        Function<String, String> values = name -> Optional.ofNullable(instance.parameters().get(name))
                .map(ConfigEntry::value)
                .orElseGet(() -> template.parameter(name).map(ParameterSpec::defaultValue).orElse(""));
        TemplateRegistry.ALL.stream().filter(t -> t.descriptor().id().equals(template.id())).findFirst()
                .ifPresent(checked -> checked.checkInstance(values).forEach(problem -> {
                    Matcher named = QUOTED_PARAMETER.matcher(problem);
                    ConfigEntry entry = named.lookingAt()
                            ? instance.parameters().getOrDefault(Names.camelCase(named.group(1)), idEntry) : idEntry;
                    // reported at the parameter's own key, the message need not name it again
                    problems.add(entry == idEntry ? new ConfigProblem(entry.file(), prefix + "template-id", problem)
                            : new ConfigProblem(entry.file(), entry.key(), problem.substring(named.end()).trim()));
                }));
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
                masked(spec.get(), entry, problem))));
    }

    private Optional<ConfigProblem> checkSetting(ConfigEntry entry) {
        if (KafkaSettings.isPassThrough(entry.key())) {
            return Optional.empty();
        }
        if (entry.key().startsWith(KafkaSettings.PASS_THROUGH_PREFIX)) {
            return Optional.of(new ConfigProblem(entry.file(), entry.key(), "not a Kafka producer, consumer or admin "
                    + "client property: " + entry.key().substring(KafkaSettings.PASS_THROUGH_PREFIX.length())));
        }
        String camel = Names.camelCase(entry.key());
        Optional<ParameterSpec> spec = EdakitSettings.DEFINITIONS.stream()
                .filter(s -> Names.camelCase(s.name()).equals(camel)).findFirst();
        if (spec.isEmpty()) {
            String hint = closest(entry.key(), EdakitSettings.DEFINITIONS).map(p -> "did you mean '" + p + "'? ").orElse("");
            return Optional.of(new ConfigProblem(entry.file(), entry.key(), "unknown edakit setting; " + hint
                    + "settings: " + parameterNames(EdakitSettings.DEFINITIONS)));
        }
        return spec.get().check(entry.value()).map(problem -> new ConfigProblem(entry.file(), entry.key(),
                masked(spec.get(), entry, problem)));
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
