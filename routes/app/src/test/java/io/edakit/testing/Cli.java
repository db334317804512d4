package io.edakit.testing;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.edakit.app.cli.EdakitCli;
import picocli.CommandLine;

/** The jar's command line run in the test JVM, as {@code java -jar edakit.jar args...} would run it. */
public final class Cli {

    private Cli() {
    }

    /** What a run printed and returned. */
    public record Outcome(int exitCode, String out, String err) {
    }

    public static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EdakitCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }
}
