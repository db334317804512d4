package io.edakit.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import io.edakit.config.SettingSource;
import io.edakit.config.Names;

/**
 * The properties of one or more configuration files, in order, each key remembering the file
 * that set it, so every problem report can name the file.
 */
public final class LoadedConfig {

    private static final Pattern MALFORMED_UNICODE_ESCAPE = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\u(?![0-9a-fA-F]{4})");

    private final Map<String, ConfigEntry> entries = new LinkedHashMap<>();
    private final List<String> locations = new ArrayList<>();

    private LoadedConfig() {
    }

    /**
     * Reads the files in order; a later file overrides an earlier one.
     *
     * @throws ConfigFileException when a file is missing or is no properties file
     */
    public static LoadedConfig fromFiles(List<Path> files) throws IOException {
        LoadedConfig config = new LoadedConfig();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigFileException(file + ": configuration file not found"
                        + (Files.isDirectory(file) ? " (a directory; name a .properties file)" : ""));
            }
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                config.add(file.toString(), "file:" + file.toAbsolutePath(), reader);
            }
        }
        return config;
    }

    /** Reads a configuration shipped inside the jar (the built-in demo). */
    public static LoadedConfig fromClasspath(String resource) throws IOException {
        LoadedConfig config = new LoadedConfig();
        try (InputStream in = LoadedConfig.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigFileException("classpath:" + resource + ": not found in the jar");
            }
            config.add("classpath:" + resource, "classpath:" + resource,
                    new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return config;
    }

    private void add(String name, String location, Reader reader) throws IOException {
        Properties properties = new Properties();
        String text = readAll(reader);
        try {
            properties.load(new java.io.StringReader(text));
        } catch (IllegalArgumentException e) {
            // Properties names neither the line nor the escape ("Malformed \\uxxxx encoding.")
            throw new ConfigFileException(name + ": " + malformedEscapeLine(text)
                    + "malformed \\u escape: write \\u followed by four hexadecimal digits, or \\\\ for a backslash");
        }
        for (String key : properties.stringPropertyNames()) {
            entries.put(key, new ConfigEntry(key, properties.getProperty(key), name));
        }
        locations.add(location);
    }

    /**
     * This configuration with {@code overrides} (the command line's {@code --set}) on top, each
     * entry naming {@code --set} as its file; the property sources Camel reads stay the files.
     */
    /** The "file" of a value given on the command line ({@code --set key=value}). */
    public static final String OVERRIDE_SOURCE = "--set";

    public LoadedConfig withOverrides(Map<String, String> overrides) {
        LoadedConfig copy = copy();
        overrides.forEach((key, value) -> copy.entries.put(key, new ConfigEntry(key, value, OVERRIDE_SOURCE)));
        return copy;
    }

    /**
     * This configuration as the application will see it: for each of {@code keys}, a JVM system
     * property ({@code -Dedakit.broker.port}) or an environment variable ({@code EDAKIT_BROKER_PORT}),
     * which Camel's properties lookup prefers to the files, replaces the files' value.
     */
    public LoadedConfig withEnvironment(Collection<String> keys, Map<String, String> environment,
                                        Properties systemProperties) {
        LoadedConfig copy = copy();
        for (String key : keys) {
            if (copy.entries.containsKey(key) && copy.entries.get(key).file().equals(OVERRIDE_SOURCE)) {
                continue; // --set wins over the environment, as Camel's override properties do
            }
            String variable = environmentName(key);
            if (environment.containsKey(variable)) {
                copy.entries.put(key, new ConfigEntry(key, environment.get(variable), "environment variable " + variable));
            }
            for (String spelling : List.of(key, Names.camelCase(key))) {
                if (systemProperties.getProperty(spelling) != null) {
                    copy.entries.put(key, new ConfigEntry(key, systemProperties.getProperty(spelling),
                            "system property -D" + spelling));
                }
            }
        }
        return copy;
    }

    /** {@code edakit.broker.port} becomes {@code EDAKIT_BROKER_PORT}, as Camel looks variables up. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private LoadedConfig copy() {
        LoadedConfig copy = new LoadedConfig();
        copy.entries.putAll(entries);
        copy.locations.addAll(locations);
        return copy;
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
            text.append(buffer, 0, read);
        }
        return text.toString();
    }

    /** "line N: " of the first \\u not followed by four hexadecimal digits (and not itself escaped). */
    private static String malformedEscapeLine(String text) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (MALFORMED_UNICODE_ESCAPE.matcher(lines.get(i)).find()) {
                return "line " + (i + 1) + ": ";
            }
        }
        return "";
    }

    public Collection<ConfigEntry> entries() {
        return entries.values();
    }

    /** The value of {@code key}, or null. */
    public String value(String key) {
        ConfigEntry entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    /** The entry of {@code key} written dashed ({@code camel.server.port}) or camelCase, if any. */
    public Optional<ConfigEntry> entry(String key) {
        return Optional.ofNullable(entries.get(key)).or(() -> Optional.ofNullable(entries.get(Names.camelCase(key))));
    }

    /** The edakit settings these entries give (defaults for the rest), as text for checks to judge. */
    public SettingSource settings() {
        return SettingSource.of(key -> Optional.ofNullable(value(key)));
    }

    /** Camel property-placeholder locations of the files, in order ({@code file:/abs/path}). */
    public List<String> locations() {
        return List.copyOf(locations);
    }

    /** Name of the first file, for problems that belong to no single key. */
    public String firstFile() {
        return entries.values().stream().map(ConfigEntry::file).findFirst().orElse("(no configuration)");
    }
}
