package io.edakit.eventstore;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The child JVM of {@link AppendCrashTest}: writers on many threads append one to three events at
 * a time to streams of their own, each with the expected version, printing "try id,id,..." before
 * each append and "ok id" once it returned, until it is killed. Arguments: JDBC URL, user, password.
 */
public final class AppendCrashWriter {

    static final int WRITERS = 8;

    private AppendCrashWriter() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        JdbcEventStore store = JdbcEventStore.open(args[0], args[1], args.length > 2 ? args[2] : "", 4, Clock.systemUTC());
        for (int w = 0; w < WRITERS; w++) {
            String stream = "crash-" + UUID.randomUUID();
            new Thread(() -> write(store, stream, out), "writer-" + w).start();
        }
        out.println("ready");
    }

    private static void write(JdbcEventStore store, String stream, PrintStream out) {
        long version = 0;
        for (int i = 0; ; i++) {
            List<NewEvent> events = new ArrayList<>();
            for (int e = 0, n = 1 + i % 3; e < n; e++) {
                events.add(NewEvent.of(UUID.randomUUID().toString(), "crash", ("{\"i\":" + i + "}")
                        .getBytes(StandardCharsets.UTF_8)));
            }
            out.println("try " + String.join(",", events.stream().map(NewEvent::id).toList()));
            AppendResult result = store.append(stream, ExpectedVersion.exactly(version), events);
            if (!(result instanceof AppendResult.Appended)) {
                throw new IllegalStateException("append refused: " + result);
            }
            version = result.currentVersion();
            out.println("ok " + events.get(0).id());
        }
    }
}
