package io.edakit.app.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar edakit.jar [command]}. Without a command it runs the built-in demo.
 */
@Command(name = "edakit", mixinStandardHelpOptions = true, versionProvider = EdakitCli.Version.class,
        description = "Event-driven integration patterns for Apache Camel, on embedded Artemis or Kafka.",
        subcommands = {RunCommand.class, CatalogCommand.class, ValidateCommand.class, DlqCommand.class,
                SchemaCommand.class, SagaCommand.class, io.edakit.bench.BenchCommand.class})
public final class EdakitCli implements Callable<Integer> {

    public static void main(String[] args) {
        // The jar's own logging setup; a file given with -Dlog4j2.configurationFile wins. Named so
        // that it never shadows the logging setup of an application using edakit as a library.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:edakit-log4j2.xml");
        }
        int exitCode = new CommandLine(new EdakitCli()).execute(args);
        // An embedded broker keeps non-daemon threads: end the JVM explicitly, success or not.
        System.exit(exitCode);
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
