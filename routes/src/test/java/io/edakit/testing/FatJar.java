package io.edakit.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shaded jar run as operators run it: {@code java -jar edakit.jar ...} in a child JVM. */
public final class FatJar {

    private static final Path JAR = Path.of(System.getProperty("edakit.fatJar", "target/edakit.jar")).toAbsolutePath();

    private FatJar() {
    }

    /** Starts the jar with {@code args} in {@code directory}, output (both streams) to {@code log}. */
    public static Process start(Path directory, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
