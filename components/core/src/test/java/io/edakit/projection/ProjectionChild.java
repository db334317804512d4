package io.edakit.projection;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.edakit.eventstore.JdbcEventStore;

/**
 * The child JVM of {@link PostgresProjectionTest}: runs projection {@value #NAME} with
 * {@link RecordingHandler} as instance "child" until it is killed, printing "owner" once it holds
 * the projection. Arguments: JDBC URL, user, password.
 */
public final class ProjectionChild {

    static final String NAME = "takeover";
    static final ProjectionRunner.Options OPTIONS = new ProjectionRunner.Options(25, Duration.ofMillis(100),
            Duration.ofSeconds(2));

    private ProjectionChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        JdbcEventStore events = JdbcEventStore.open(args[0], args[1], args[2], 2, Clock.systemUTC());
        ProjectionStore projections = ProjectionStore.open(args[0], args[1], args[2], 2, Clock.systemUTC());
        ProjectionRunner runner = new ProjectionRunner(events, projections, NAME, "child", event -> true,
                new RecordingHandler(args[0], args[1], args[2], "child"), OPTIONS, () -> true);
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).until(runner::owns);
        out.println("owner");
        Thread.currentThread().join(); // until killed
    }
}
