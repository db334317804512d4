package io.edakit.workflow.path;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

/**
 * ASL Paths, evaluated with Jayway JsonPath (the implementation Step Functions documents): {@code $...}
 * on the input, {@code $$...} on the context object, {@code $var...} on a variable. A definite path
 * that finds nothing is a failure (the caller picks the ASL error name); an indefinite one
 * (wildcard, filter, slice, deep scan) gives an array, possibly empty.
 */
public final class JsonPaths {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Configuration CONFIGURATION = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER)).mappingProvider(new JacksonMappingProvider(MAPPER)).build();
    private static final Pattern VARIABLE = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_]*)(.*)$", Pattern.DOTALL);
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();
    /** {@code $.a.b.c}: names only, the paths most definitions use. */
    private static final Pattern NAMES_ONLY = Pattern.compile("^\\$(\\.[A-Za-z_][A-Za-z0-9_]*)+$");
    private static final String[] NOT_NAMES_ONLY = new String[0];
    private static final Map<String, String[]> NAMES = new ConcurrentHashMap<>();

    private JsonPaths() {
    }

    /** Null when {@code path} is a valid Path, else why not. */
    public static String syntaxError(String path) {
        if (path == null || !path.startsWith("$")) {
            return "a Path starts with $ (got " + path + ")";
        }
        try {
            compile(target(path).path);
            return null;
        } catch (InvalidPathException e) {
            return "invalid path " + path + ": " + e.getMessage();
        }
    }

    /**
     * The value {@code path} selects, failing with {@code error} (e.g. States.Runtime) when a definite path
     * finds nothing.
     */
    public static JsonNode read(String path, JsonNode input, Scope scope, String error) {
        Target target = target(path);
        JsonNode document = switch (target.kind) {
            case INPUT -> input;
            case CONTEXT -> scope.context();
            case VARIABLE -> scope.variable(target.variable);
        };
        if (document == null) {
            throw new PathFailure(error, "no variable $" + target.variable + " for path " + path);
        }
        if ("$".equals(target.path)) {
            return document;
        }
        JsonNode found = byNames(target.path, document);
        if (found != null) {
            return found;
        }
        try {
            Object value = compile(target.path).read(document, CONFIGURATION);
            return value == null ? NullNode.getInstance()
                    : value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
        } catch (JsonPathException | IllegalArgumentException e) {
            throw new PathFailure(error, "Invalid path '" + path + "': " + e.getMessage());
        }
    }

    /**
     * The value a names-only path ({@code $.a.b}) finds by walking the tree, or null when the path is
     * not names-only or finds nothing (JsonPath then gives the answer, or the failure, as always).
     * Why: JsonPath's evaluation and its conversion of the result cost some 100 microseconds on
     * this machine; a workflow that loops a million times through a Choice spent most of its
     * replay there.
     */
    private static JsonNode byNames(String path, JsonNode document) {
        String[] names = NAMES.computeIfAbsent(path, p -> NAMES_ONLY.matcher(p).matches()
                ? p.substring(2).split("\\.") : NOT_NAMES_ONLY);
        if (names.length == 0) {
            return null;
        }
        JsonNode node = document;
        for (String name : names) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(name);
        }
        return node;
    }

    /** True when {@code path} selects something in {@code input} (Choice's IsPresent). */
    public static boolean present(String path, JsonNode input, Scope scope) {
        try {
            JsonNode value = read(path, input, scope, "States.Runtime");
            return !(isIndefinite(path) && value.isArray() && value.isEmpty());
        } catch (PathFailure e) {
            return false;
        }
    }

    private static boolean isIndefinite(String path) {
        try {
            return !compile(target(path).path).isDefinite();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static JsonPath compile(String path) {
        return COMPILED.computeIfAbsent(path, JsonPath::compile);
    }

    private enum Kind { INPUT, CONTEXT, VARIABLE }

    private record Target(Kind kind, String variable, String path) {
    }

    private static Target target(String path) {
        if (path.startsWith("$$")) {
            return new Target(Kind.CONTEXT, null, "$" + path.substring(2));
        }
        Matcher variable = VARIABLE.matcher(path);
        if (variable.matches()) {
            return new Target(Kind.VARIABLE, variable.group(1), "$" + variable.group(2));
        }
        return new Target(Kind.INPUT, null, path);
    }
}
