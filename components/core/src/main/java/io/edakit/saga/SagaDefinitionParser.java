package io.edakit.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.edakit.config.Durations;
import io.edakit.config.YamlDocuments;
import io.edakit.failure.Backoff;

/**
 * Reads a saga definition from a YAML document or from the compact one-line form of a property.
 *
 * <pre>
 * timeout: 5m                      # optional, else the template parameter
 * compensation:                    # optional, else the template parameters
 *   max-attempts: 10
 *   initial-delay: 1s
 *   max-delay: 1m
 * steps:
 *   - id: reserve-inventory
 *     action: direct:reserve
 *     compensation: direct:release # optional: a step without one is not undone
 *     timeout: 10s                 # optional, per step
 *     retries: 2                   # optional, per step
 *     retry-delay: 500ms           # optional, per step
 * </pre>
 *
 * <p>Compact form: {@code reserve=direct:reserve|direct:release; charge=direct:charge|direct:refund; ship=direct:ship}.
 * Values missing from either form come from {@code defaults}.
 */
public final class SagaDefinitionParser {

    private static final Set<String> TOP_KEYS = Set.of("timeout", "compensation", "steps");
    private static final Set<String> STEP_KEYS = Set.of("id", "action", "compensation", "timeout", "retries", "retry-delay");
    private static final Set<String> COMPENSATION_KEYS = Set.of("max-attempts", "initial-delay", "max-delay");

    private SagaDefinitionParser() {
    }

    public static SagaDefinition fromYaml(String name, String yaml, String source, SagaDefinition defaults) {
        Object document;
        try {
            document = YamlDocuments.load(yaml, source);
        } catch (IllegalArgumentException e) {
            throw new SagaDefinitionException(e.getMessage());
        }
        Map<?, ?> top = map(document, source, "the document", TOP_KEYS);
        Duration timeout = duration(top.get("timeout"), source, "timeout", defaults.timeout());
        int attempts = defaults.compensationAttempts();
        Backoff backoff = defaults.compensationBackoff();
        if (top.get("compensation") != null) {
            Map<?, ?> compensation = map(top.get("compensation"), source, "compensation", COMPENSATION_KEYS);
            attempts = integer(compensation.get("max-attempts"), source, "compensation.max-attempts", attempts, 1);
            backoff = new Backoff(duration(compensation.get("initial-delay"), source, "compensation.initial-delay",
                    Duration.ofMillis(backoff.initialMillis())).toMillis(), backoff.multiplier(),
                    duration(compensation.get("max-delay"), source, "compensation.max-delay",
                            Duration.ofMillis(backoff.maxMillis())).toMillis(), backoff.jitter());
        }
        if (!(top.get("steps") instanceof List<?> rawSteps) || rawSteps.isEmpty()) {
            throw new SagaDefinitionException(source + ": 'steps' must be a non-empty list of steps");
        }
        SagaStep template = defaults.steps().get(0);
        List<SagaStep> steps = new ArrayList<>();
        for (int i = 0; i < rawSteps.size(); i++) {
            String where = "steps[" + i + "]";
            Map<?, ?> step = map(rawSteps.get(i), source, where, STEP_KEYS);
            steps.add(new SagaStep(text(step.get("id"), source, where + ".id", true),
                    text(step.get("action"), source, where + ".action", true),
                    text(step.get("compensation"), source, where + ".compensation", false),
                    duration(step.get("timeout"), source, where + ".timeout", template.timeout()),
                    integer(step.get("retries"), source, where + ".retries", template.retries(), 0),
                    duration(step.get("retry-delay"), source, where + ".retry-delay", template.retryDelay())));
        }
        return validated(new SagaDefinition(name, steps, timeout, attempts, backoff), source);
    }

    /** The compact form, {@code id=action|compensation; ...}, with the other values from {@code defaults}. */
    public static SagaDefinition fromCompact(String name, String compact, String source, SagaDefinition defaults) {
        SagaStep template = defaults.steps().get(0);
        List<SagaStep> steps = new ArrayList<>();
        for (String entry : compact.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new SagaDefinitionException(source + ": step '" + entry.trim()
                        + "' must read id=action-uri or id=action-uri|compensation-uri");
            }
            String[] endpoints = entry.substring(equals + 1).split("\\|", 2);
            String compensation = endpoints.length > 1 && !endpoints[1].isBlank() ? endpoints[1].trim() : null;
            steps.add(new SagaStep(entry.substring(0, equals).trim(), endpoints[0].trim(), compensation,
                    template.timeout(), template.retries(), template.retryDelay()));
        }
        if (steps.isEmpty()) {
            throw new SagaDefinitionException(source + ": no steps; expected id=action-uri|compensation-uri; ...");
        }
        return validated(new SagaDefinition(name, steps, defaults.timeout(), defaults.compensationAttempts(),
                defaults.compensationBackoff()), source);
    }

    private static SagaDefinition validated(SagaDefinition definition, String source) {
        Set<String> ids = new HashSet<>();
        for (SagaStep step : definition.steps()) {
            if (step.action().isBlank()) {
                throw new SagaDefinitionException(source + ": step '" + step.id() + "' has no action endpoint");
            }
            if (!ids.add(step.id())) {
                throw new SagaDefinitionException(source + ": step id '" + step.id() + "' is used twice");
            }
        }
        return definition;
    }

    private static Map<?, ?> map(Object raw, String source, String where, Set<String> allowed) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new SagaDefinitionException(source + ": " + where + " must be a map");
        }
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new SagaDefinitionException(source + ": " + where + " has an unknown key '" + key
                        + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return map;
    }

    private static String text(Object raw, String source, String where, boolean required) {
        if (raw == null && !required) {
            return null;
        }
        if (!(raw instanceof String text) || text.isBlank()) {
            throw new SagaDefinitionException(source + ": " + where + " must be a non-empty string");
        }
        return text.trim();
    }

    private static Duration duration(Object raw, String source, String where, Duration fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            return Durations.parse(String.valueOf(raw));
        } catch (IllegalArgumentException e) {
            throw new SagaDefinitionException(source + ": " + where + ": " + e.getMessage());
        }
    }

    private static int integer(Object raw, String source, String where, int fallback, int least) {
        if (raw == null) {
            return fallback;
        }
        if (!(raw instanceof Integer value) || value < least) {
            throw new SagaDefinitionException(source + ": " + where + " must be a whole number >= " + least + ", but is " + raw);
        }
        return value;
    }
}
