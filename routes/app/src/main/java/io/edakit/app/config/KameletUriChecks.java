package io.edakit.app.config;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.edakit.config.Names;
import io.edakit.config.Param;
import io.edakit.config.ParameterSpec;
import io.edakit.routes.kamelets.KameletDescriptor;
import io.edakit.routes.kamelets.Kamelets;

/**
 * The parameters of {@code kamelet:edakit-...?param=value} URIs, checked as template parameters are
 * (known name, required ones given, value of the type): in the configuration's values (a template's
 * {@code handler} or {@code from}, say) and in the YAML route files its
 * {@code camel.main.routes-include-pattern} names with {@code file:}. Values that are placeholders
 * ({@code {{...}}}) are Camel's to resolve and left alone; {@code classpath:} routes and Pipes'
 * {@code properties:} blocks are not looked at.
 */
final class KameletUriChecks {

    private static final Pattern URI = Pattern.compile("kamelet:(edakit-[A-Za-z0-9-]+)(\\?[^\\s\"'#]*)?");
    private static final String INCLUDE_PATTERN = "camel.main.routes-include-pattern";
    /** Kamelet component options of the URI, not parameters of the Kamelet. */
    private static final Set<String> ENDPOINT_OPTIONS = Set.of("routeId", "templateId", "location", "uuid",
            "bridgeErrorHandler", "noErrorHandler", "block", "timeout", "exchangePattern", "lazyStartProducer",
            "exceptionHandler", "failIfNoConsumers");

    private KameletUriChecks() {
    }

    static List<ConfigProblem> check(LoadedConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (ConfigEntry entry : config.entries()) {
            check(entry.value(), entry.file(), entry.key(), problems);
        }
        config.entry(INCLUDE_PATTERN).or(() -> config.entry(Names.camelCase(INCLUDE_PATTERN)))
                .ifPresent(include -> routeFiles(include.value()).forEach(file -> {
                    try {
                        check(Files.readString(file), file.toString(), "kamelet:", problems);
                    } catch (IOException e) {
                        problems.add(new ConfigProblem(include.file(), include.key(), "cannot read " + file + ": "
                                + e.getMessage()));
                    }
                }));
        return problems;
    }

    private static void check(String text, String file, String key, List<ConfigProblem> problems) {
        Matcher uri = URI.matcher(text);
        while (uri.find()) {
            String name = uri.group(1);
            String where = key.equals("kamelet:") ? uri.group() : key;
            Optional<KameletDescriptor> kamelet = Kamelets.find(name);
            if (kamelet.isEmpty()) {
                problems.add(new ConfigProblem(file, where, "unknown edakit Kamelet '" + name + "'; known: "
                        + String.join(", ", Kamelets.ALL.stream().map(KameletDescriptor::name).toList())));
                continue;
            }
            Set<String> given = new HashSet<>();
            String query = uri.group(2) == null ? "" : uri.group(2).substring(1);
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String parameter = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (ENDPOINT_OPTIONS.contains(parameter)) {
                    continue;
                }
                Optional<Param<?>> declared = kamelet.get().param(parameter);
                if (declared.isEmpty()) {
                    problems.add(new ConfigProblem(file, where, parameter, "unknown parameter '" + parameter + "' of Kamelet " + name + "; "
                            + closest(parameter, kamelet.get()).map(p -> "did you mean '" + p + "'? ").orElse("")
                            + "parameters: " + names(kamelet.get())));
                    continue;
                }
                given.add(declared.get().key());
                if (!value.contains("{{") && !value.startsWith("RAW(")) {
                    ParameterSpec spec = declared.get().spec();
                    spec.check(value).ifPresent(problem -> problems.add(new ConfigProblem(file, where, parameter,
                            "parameter " + parameter + " of Kamelet " + name + ": "
                                    + (spec.secret() ? "invalid value (not shown: secret)" : problem))));
                }
            }
            for (Param<?> param : kamelet.get().params()) {
                if (param.spec().required() && !given.contains(param.key())) {
                    problems.add(new ConfigProblem(file, where, param.key(), "missing required parameter "
                            + param.key() + " of Kamelet " + name + ": " + param.spec().description() + " Example: " + param.key() + "="
                            + param.spec().example()));
                }
            }
        }
    }

    /** The files of a {@code file:} include pattern ({@code file:routes/*.yaml}); none for other schemes. */
    private static List<Path> routeFiles(String patterns) {
        List<Path> files = new ArrayList<>();
        for (String pattern : patterns.split(",")) {
            String trimmed = pattern.trim();
            if (!trimmed.startsWith("file:")) {
                continue;
            }
            Path path = Path.of(trimmed.substring("file:".length()));
            Path directory = path.getParent() == null ? Path.of(".") : path.getParent();
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path.getFileName());
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> listed = Files.list(directory)) {
                listed.filter(file -> matcher.matches(file.getFileName()) && Files.isRegularFile(file)).sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                // unreadable folder: Camel reports it at start-up
            }
        }
        return files;
    }

    private static Optional<String> closest(String name, KameletDescriptor kamelet) {
        return kamelet.params().stream().map(Param::key)
                .min(Comparator.comparingInt(known -> Names.distance(known, name)))
                .filter(known -> Names.distance(known, name) <= Math.max(3, name.length() / 3));
    }

    private static String names(KameletDescriptor kamelet) {
        return String.join(", ", kamelet.params().stream().map(Param::key).toList());
    }
}
