package io.edakit.app.cli;

import java.util.concurrent.Callable;

import io.edakit.app.config.ConfigFileException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar edakit.jar [command]}. Without a command it runs the built-in demo.
 */
@Command(name = "edakit", mixinStandardHelpOptions = true, versionProvider = EdakitCli.Version.class,
        description = "Event-driven integration patterns for Apache Camel, on embedded Artemis or Kafka.",
        subcommands = {RunCommand.class, CatalogCommand.class, ValidateCommand.class, DlqCommand.class,
                SchemaCommand.class, SagaCommand.class, WorkflowCommand.class, EsCommand.class, io.edakit.bench.BenchCommand.class,
                CompletionCommand.class, FairnessCommand.class, TaskCommand.class, ProjectionCommand.class,
                ArchiveCommand.class, ReplayCommand.class})
public final class EdakitCli implements Callable<Integer> {

    /** Exit code of a command used wrongly: an unknown option, a missing or unreadable configuration file. */
    public static final int USAGE = 2;
    /** Exit code of a command that could not do its work: a broker out of reach, credentials refused. */
    public static final int FAILED = 1;

    public static void main(String[] args) {
        // The jar's own logging setup (to stderr, so that stdout carries only what a command prints);
        // a file given with -Dlog4j2.configurationFile wins. Named so that it never shadows the logging
        // setup of an application using edakit as a library.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:edakit-log4j2.xml");
        }
        int exitCode = commandLine().execute(args);
        // An embedded broker keeps non-daemon threads: end the JVM explicitly, success or not.
        System.exit(exitCode);
    }

    /**
     * The command line of the jar: every failure ends as one line on stderr, never a stack trace;
     * exit code {@link #USAGE} for a command used wrongly, {@link #FAILED} for one that could not
     * do its work. (The stack trace is logged at DEBUG.)
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EdakitCli());
        cli.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
            String command = commandLine.getCommandSpec().qualifiedName();
            // looked up here, not in a static field: main() chooses the logging setup first
            LoggerFactory.getLogger(EdakitCli.class).debug("{} failed", command, failure);
            commandLine.getErr().println(failure instanceof ConfigFileException
                    ? failure.getMessage() : command + ": " + Failures.oneLine(failure));
            commandLine.getErr().flush();
            return failure instanceof ConfigFileException ? USAGE : FAILED;
        });
        cli.setParameterExceptionHandler((problem, args) -> {
            CommandLine commandLine = problem.getCommandLine();
            commandLine.getErr().println(problem.getMessage() + " (see: "
                    + commandLine.getCommandSpec().qualifiedName() + " --help)");
            commandLine.getErr().flush();
            return USAGE;
        });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        return new RunCommand().call();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EdakitCli.class.getPackage().getImplementationVersion();
            return new String[] {"edakit " + (version == null ? "(development build)" : version)};
        }
    }
}
