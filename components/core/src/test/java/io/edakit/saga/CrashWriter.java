package io.edakit.saga;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edakit.idempotency.ClaimResult;
import io.edakit.idempotency.IdempotencyDatabase;
import io.edakit.idempotency.IdempotencyStore;
import io.edakit.saga.SagaEvent.Kind;

/**
 * The child JVM of {@link GroupCommitCrashTest}: writers on many threads, each writing sagas in
 * three steps and claiming and confirming a key per saga, all through the stores' group committers,
 * and printing every write to stdout once its call returned (acknowledged) until it is killed.
 *
 * <p>Arguments: JDBC URL, user, password.
 */
public final class CrashWriter {

    static final String DEFINITION = "crash";
    static final int WRITERS = 8;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private CrashWriter() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String user = args[1];
        String password = args.length > 2 ? args[2] : "";
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        JdbcSagaLog log = JdbcSagaLog.open(url, user, password, 4);
        IdempotencyDatabase keys = IdempotencyDatabase.open(url, user, password, 4, "crash-writer");
        IdempotencyStore store = keys.store("crash");
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int w = 0; w < WRITERS; w++) {
            String owner = run + "-w" + w;
            Thread writer = new Thread(() -> write(log, store, owner, out), "writer-" + w);
            writer.start();
        }
        out.println("ready");
    }

    private static void write(JdbcSagaLog log, IdempotencyStore store, String owner, PrintStream out) {
        Instant lease = T0.plus(Duration.ofDays(365_000));
        for (int i = 0; ; i++) {
            String id = owner + "-" + i;
            SagaRecord saga = new SagaRecord(id, DEFINITION, SagaState.RUNNING, "{}".getBytes(StandardCharsets.UTF_8),
                    Map.of(), T0, lease, T0, owner, false);
            check(log.start(saga, lease), id);
            out.println("started " + id);
            check(log.append(id, owner, List.of(SagaEvent.step(Kind.ACTION_STARTED, "a", 1, T0, null),
                    SagaEvent.step(Kind.ACTION_SUCCEEDED, "a", 1, T0, null)), lease), id);
            out.println("appended " + id);
            check(log.transition(id, owner, List.of(SagaEvent.step(Kind.ACTION_STARTED, "b", 1, T0, null)),
                    SagaState.COMPLETED, T0, lease), id);
            out.println("completed " + id);
            check(store.claim(id, Instant.now(), Duration.ofDays(1)) == ClaimResult.CLAIMED, id);
            out.println("claimed " + id);
            store.confirm(id);
            out.println("confirmed " + id);
        }
    }

    private static void check(boolean written, String id) {
        if (!written) {
            throw new IllegalStateException("write of " + id + " refused");
        }
    }
}
