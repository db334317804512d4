package io.edakit.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.app.config.LoadedConfig;
import picocli.CommandLine.Option;

/** The options every command that reads configuration shares. */
final class ConfigOptions {

    static final String DEMO = "edakit-demo.properties";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file with template instances and settings; repeat for several "
                    + "(later files override earlier ones). Default: the built-in demo.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Sets one property, overriding the files (e.g. --set camel.server.port=9090).")
    Map<String, String> overrides = new LinkedHashMap<>();

    LoadedConfig load() throws IOException {
        return files.isEmpty() ? LoadedConfig.fromClasspath(DEMO) : LoadedConfig.fromFiles(files);
    }
}
