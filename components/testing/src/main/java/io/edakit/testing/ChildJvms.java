package io.edakit.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child JVM on the test JVM's own class path, as the crash tests start them
 * (to kill them with SIGKILL).
 */
public final class ChildJvms {

    /**
     * C1 only, for a child that spends its short life starting (a Camel application, a broker client):
     * on the 2-core build machine C2's compile threads took half of its CPU and the test JVM's beside
     * it (the fat jar's children: 15-17 s of CPU to readiness with the defaults, 7-9 s with C1 only,
     * see FatJar in routes/app; ReplayCrashTest 227 -> 157 s at load ~20). Not for a child that
     * computes for long (WorkflowLimitsTest's history of a million entries took twice as long).
     */
    public static final String FAST_START = "-XX:TieredStopAtLevel=1";

    private ChildJvms() {
    }

    /** {@code java <jvmOptions> -cp <this class path> <main> <args>}. */
    public static List<String> command(List<String> jvmOptions, String main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return command;
    }

    /** {@link #command(List, String, String...)} without JVM options. */
    public static List<String> command(Class<?> main, String... args) {
        return command(List.of(), main.getName(), args);
    }
}
