package io.edakit.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.edakit.app.EdakitMain;
import io.edakit.app.EdakitRunner;
import io.edakit.app.config.ConfigValidator;
import io.edakit.app.config.LoadedConfig;
import io.edakit.app.startup.StartupPreflight;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code edakit run --config F}: validates, then runs until stopped (Ctrl-C, SIGTERM). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the template instances of the configuration (the default command).")
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Spec
    CommandSpec spec;

    /**
     * Checks the configuration (exit code 2) and the machine (a port or data directory another
     * process holds: exit code 1) before anything starts, then runs until stopped.
     */
    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = config.load();
        PrintWriter err = spec == null ? new PrintWriter(System.err) : spec.commandLine().getErr();
        LoadedConfig effective = ConfigValidator.effective(loaded.withOverrides(config.overrides));
        if (ValidateCommand.report(EdakitRunner.validate(effective), err)) {
            return ValidateCommand.INVALID_CONFIGURATION;
        }
        List<String> obstacles = StartupPreflight.problems(effective);
        if (!obstacles.isEmpty()) {
            obstacles.forEach(obstacle -> err.println("edakit cannot start: " + obstacle));
            err.flush();
            return EdakitMain.START_FAILED;
        }
        if (config.files.isEmpty()) {
            LOG.info("No --config given: running the built-in demo (see 'catalog' and the files in config/)");
        }
        Main main = EdakitRunner.prepare(loaded, config.overrides);
        try {
            main.run();
        } catch (Exception e) {
            LOG.error("edakit failed to start: {}", Failures.oneLine(e));
            LOG.debug("Start-up failure", e);
            return EdakitMain.START_FAILED;
        }
        return main.getExitCode();
    }
}
