package io.edakit.workflow.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.edakit.testing.ChildJvms;

/**
 * A child JVM on this test's class path, for crash tests: its standard output's lines are collected
 * in {@code lines} (shared by every child of a test), its standard error goes to a file in
 * {@code directory}; {@link #kill} is kill -9 (no shutdown hook, no let-go of any lease).
 */
final class ChildJvm {

    private final Process process;

    private ChildJvm(Process process) {
        this.process = process;
    }

    /** Starts {@code main} with {@code args} and JVM options {@code jvmOptions} ("-Xmx256m", say). */
    static ChildJvm start(Path directory, List<String> lines, List<String> jvmOptions, Class<?> main, String... args)
            throws java.io.IOException {
        Process child = new ProcessBuilder(ChildJvms.command(jvmOptions, main.getName(), args))
                .redirectError(directory.resolve("child-" + System.nanoTime() + ".err").toFile()).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the child was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new ChildJvm(child);
    }

    static ChildJvm start(Path directory, List<String> lines, Class<?> main, String... args) throws java.io.IOException {
        return start(directory, lines, List.of(), main, args);
    }

    /** SIGKILL, and waits until the child is gone (at once if it is gone already). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    /** Waits for the child to exit by itself; its exit code. */
    int waitFor(long seconds) throws InterruptedException {
        assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("the child ended in time").isTrue();
        return process.exitValue();
    }

    /**
     * The history entries of {@code kind} (or of every kind, if null) recorded for an execution, read
     * on a plain connection: opening a store would run its DDL, which waits for the child's locks.
     */
    static int events(Connection connection, String executionId, WorkflowEvent.Kind kind) throws Exception {
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM " + WorkflowStore.EVENTS
                + " WHERE execution_id = ?" + (kind == null ? "" : " AND kind = ?"))) {
            query.setString(1, executionId);
            if (kind != null) {
                query.setString(2, kind.name());
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
