package io.edakit.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.edakit.saga.SagaEvent.Kind;
import io.edakit.testing.ChildJvms;
import io.edakit.testing.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during group commits: a child JVM ({@link CrashWriter}) writes sagas and idempotency keys
 * from eight threads through the stores' group committers and prints each write once acknowledged;
 * it is killed (destroyForcibly) while batches are in flight. Then every acknowledged write must be
 * in the database, and no saga may be half-written: each write's rows are all there or none.
 */
class GroupCommitCrashTest {

    private static final List<List<Kind>> COMPLETE_PREFIXES = List.of(
            List.of(Kind.STARTED),
            List.of(Kind.STARTED, Kind.ACTION_STARTED, Kind.ACTION_SUCCEEDED),
            List.of(Kind.STARTED, Kind.ACTION_STARTED, Kind.ACTION_SUCCEEDED, Kind.ACTION_STARTED, Kind.STATE));

    @TempDir
    Path directory;

    @Test
    void nothingAcknowledgedIsLostAndNothingIsHalfWrittenOnH2() throws Exception {
        killDuringBatches("jdbc:h2:file:" + directory.resolve("crash").toAbsolutePath(), "sa", "");
    }

    @Test
    void nothingAcknowledgedIsLostAndNothingIsHalfWrittenOnPostgres() throws Exception {
        killDuringBatches(SharedPostgres.newDatabase(), "postgres", "");
    }

    private void killDuringBatches(String url, String user, String password) throws Exception {
        Process child = new ProcessBuilder(ChildJvms.command(CrashWriter.class, url, user, password))
                .redirectError(directory.resolve("child.err").toFile()).start();
        List<String> acknowledged = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (acknowledged) {
                        acknowledged.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the child was killed
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                synchronized (acknowledged) {
                    return acknowledged.size() >= 3_000;
                }
            });
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, batches cut short
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        reader.join(10_000);
        List<String> lines;
        synchronized (acknowledged) {
            lines = new ArrayList<>(acknowledged);
        }
        lines.remove("ready");

        Map<String, Set<String>> acked = new HashMap<>();
        for (String line : lines) {
            String[] parts = line.split(" ", 2);
            acked.computeIfAbsent(parts[0], k -> new HashSet<>()).add(parts[1]);
        }
        assertThat(acked.get("confirmed")).as("the writers got as far as confirmations").isNotEmpty();

        try (JdbcSagaLog log = JdbcSagaLog.open(url, user, password, 2)) {
            for (String id : acked.get("started")) {
                assertThat(log.find(id)).as(id).isPresent();
            }
            for (String id : acked.getOrDefault("appended", Set.of())) {
                assertThat(log.timeline(id)).as(id).hasSizeGreaterThanOrEqualTo(3);
            }
            for (String id : acked.getOrDefault("completed", Set.of())) {
                assertThat(log.find(id).orElseThrow().state()).as(id).isEqualTo(SagaState.COMPLETED);
            }
            // every saga in the log, acknowledged or not: complete writes only
            List<String> all = sagaIds(url, user, password);
            assertThat(all).containsAll(acked.get("started"));
            for (String id : all) {
                List<Kind> kinds = log.timeline(id).stream().map(SagaEvent::kind).toList();
                assertThat(COMPLETE_PREFIXES).as("timeline of " + id).contains(kinds);
                Optional<SagaRecord> saga = log.find(id);
                assertThat(saga.orElseThrow().state()).as(id)
                        .isEqualTo(kinds.contains(Kind.STATE) ? SagaState.COMPLETED : SagaState.RUNNING);
            }
            assertThat(eventsWithoutSaga(url, user, password)).isZero();
        }
        Map<String, Boolean> keys = keys(url, user, password);
        for (String id : acked.getOrDefault("claimed", Set.of())) {
            assertThat(keys).as(id).containsKey(id);
        }
        for (String id : acked.getOrDefault("confirmed", Set.of())) {
            assertThat(keys.get(id)).as(id).isTrue();
        }
    }

    private static List<String> sagaIds(String url, String user, String password) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement query = connection.prepareStatement("SELECT saga_id FROM " + JdbcSagaLog.SAGAS
                     + " WHERE definition = ?")) {
            query.setString(1, CrashWriter.DEFINITION);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static int eventsWithoutSaga(String url, String user, String password) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM " + JdbcSagaLog.EVENTS
                     + " e WHERE NOT EXISTS (SELECT 1 FROM " + JdbcSagaLog.SAGAS + " s WHERE s.saga_id = e.saga_id)");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private static Map<String, Boolean> keys(String url, String user, String password) throws Exception {
        Map<String, Boolean> keys = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT message_key, confirmed FROM edakit_idempotency_keys WHERE namespace = 'crash'");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keys.put(rows.getString(1), rows.getBoolean(2));
            }
        }
        return keys;
    }

}
