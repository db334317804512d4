package io.edakit.app.cli;

import java.util.concurrent.Callable;

import io.edakit.app.EdakitRunner;
import io.edakit.app.config.LoadedConfig;
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
    static final int START_FAILED = 1;

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = config.load();
        if (ValidateCommand.report(EdakitRunner.validate(loaded, config.overrides), spec == null
                ? new java.io.PrintWriter(System.err) : spec.commandLine().getErr())) {
            return ValidateCommand.INVALID_CONFIGURATION;
        }
        if (config.files.isEmpty()) {
            LOG.info("No --config given: running the built-in demo (see 'catalog' and the files in config/)");
        }
        Main main = EdakitRunner.prepare(loaded, config.overrides);
        try {
            main.run();
        } catch (Exception e) {
            LOG.error("edakit failed to start: {}", rootMessage(e));
            LOG.debug("Start-up failure", e);
            return START_FAILED;
        }
        return main.getExitCode();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null && !message.toString().contains(root.getMessage())) {
                message.append(" <- ").append(root.getMessage());
            }
        }
        return message.toString();
    }
}
