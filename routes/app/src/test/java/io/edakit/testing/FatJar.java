package io.edakit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shaded jar run as operators run it: {@code java -jar edakit.jar ...} in a child JVM.
 *
 * <p>The children start with JVM options that only make them start faster, at no cost to what a
 * test sees: C1 only ({@code -XX:TieredStopAtLevel=1}: a child spends its short life starting, and
 * C2's compile threads took half its CPU on the 2-core build machine) and the class data archive
 * of {@link ClassDataArchive}. Together they cut a child's CPU to reach readiness from 15-17 s to
 * under 5 s. {@code -Dedakit.fatJar.fastStart=false} starts them as plain {@code java -jar}.
 */
public final class FatJar {

    private static final Path JAR = Path.of(System.getProperty("edakit.fatJar", "target/edakit.jar")).toAbsolutePath();
    private static final boolean FAST_START = Boolean.parseBoolean(System.getProperty("edakit.fatJar.fastStart", "true"));
    /** {@code -Xlog:cds*=off}: a stale or unusable archive is ignored without a warning in the output tests read. */
    private static final List<String> FAST_START_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Xlog:cds*=off");

    /** A finished command: its exit code and what it wrote to each stream. */
    public record Outcome(int exitCode, String stdout, String stderr) {
    }

    private FatJar() {
    }

    /** Starts the jar with {@code args} in {@code directory}, output (both streams) to {@code log}. */
    public static Process start(Path directory, Path log, String... args) throws IOException {
        return new ProcessBuilder(command(args)).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /**
     * Runs the jar with {@code args} in {@code directory} until it ends, stdout and stderr kept
     * apart (as a shell pipe sees stdout); fails when it has not ended within {@code timeout}.
     */
    public static Outcome run(Path directory, Duration timeout, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(directory, "stdout-", ".txt");
        Path err = Files.createTempFile(directory, "stderr-", ".txt");
        Process process = new ProcessBuilder(command(args)).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("java -jar edakit.jar " + String.join(" ", args) + " still running after "
                    + timeout + "; stderr: " + Files.readString(err));
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> command(String... args) {
        return command(List.of(), args);
    }

    /** {@code java <jvmOptions> -jar edakit.jar <args>}, with the start-up options above. */
    public static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        if (FAST_START) {
            command.addAll(FAST_START_OPTIONS);
            ClassDataArchive.of(JAR, FAST_START_OPTIONS).ifPresent(archive -> command.add("-XX:SharedArchiveFile=" + archive));
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
