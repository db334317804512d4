package io.edakit.app.cli;

import java.util.concurrent.Callable;

import io.edakit.app.config.SettingGroups;
import io.edakit.routes.catalog.CatalogPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edakit catalog}: every template and setting, with types, defaults and examples. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Prints every template with its parameters (type, default, example) and every edakit setting.")
final class CatalogCommand implements Callable<Integer> {

    enum Format { text, markdown, json }

    @Option(names = "--format", defaultValue = "text", description = "text, markdown or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String rendered = switch (format) {
            case markdown -> CatalogPrinter.markdown(SettingGroups.ALL);
            case json -> CatalogPrinter.json(SettingGroups.ALL);
            default -> CatalogPrinter.text(SettingGroups.ALL);
        };
        spec.commandLine().getOut().print(rendered);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
