package io.edakit.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.edakit.app.EdakitRunner;
import io.edakit.app.config.ConfigProblem;
import io.edakit.app.config.LoadedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code edakit validate --config F}: checks the configuration and starts nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks configuration files (and --set values) without starting anything: everything run "
                + "would refuse, one line per problem; exit code 2 when wrong.")
final class ValidateCommand implements Callable<Integer> {

    static final int INVALID_CONFIGURATION = 2;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = config.load();
        List<ConfigProblem> problems = EdakitRunner.validate(loaded, config.overrides);
        PrintWriter out = spec.commandLine().getOut();
        if (report(problems, spec.commandLine().getErr())) {
            return INVALID_CONFIGURATION;
        }
        out.println("Configuration is valid: " + String.join(", ", loaded.locations()));
        out.flush();
        return 0;
    }

    /** Prints one line per problem; true when there was any. */
    static boolean report(List<ConfigProblem> problems, PrintWriter err) {
        problems.forEach(problem -> err.println("invalid configuration: " + problem));
        err.flush();
        return !problems.isEmpty();
    }
}
