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
import java.util.Map;
import java.util.Properties;

/**
 * The properties of one or more configuration files, in order, each key remembering the file
 * that set it, so every problem report can name the file.
 */
public final class LoadedConfig {

    private final Map<String, ConfigEntry> entries = new LinkedHashMap<>();
    private final List<String> locations = new ArrayList<>();

    private LoadedConfig() {
    }

    /** Reads the files in order; a later file overrides an earlier one. */
    public static LoadedConfig fromFiles(List<Path> files) throws IOException {
        LoadedConfig config = new LoadedConfig();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("configuration file not found: " + file);
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
                throw new IOException("classpath resource not found: " + resource);
            }
            config.add("classpath:" + resource, "classpath:" + resource,
                    new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return config;
    }

    private void add(String name, String location, Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        for (String key : properties.stringPropertyNames()) {
            entries.put(key, new ConfigEntry(key, properties.getProperty(key), name));
        }
        locations.add(location);
    }

    public Collection<ConfigEntry> entries() {
        return entries.values();
    }

    /** The value of {@code key}, or null. */
    public String value(String key) {
        ConfigEntry entry = entries.get(key);
        return entry == null ? null : entry.value();
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
