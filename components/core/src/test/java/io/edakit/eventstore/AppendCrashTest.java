package io.edakit.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.edakit.testing.ChildJvms;
import io.edakit.testing.SharedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 during appends: a child JVM ({@link AppendCrashWriter}) appends from eight threads and
 * is killed while batches are in flight. Then every acknowledged append is stored, every other one
 * entirely or not at all, positions are gap-free from 1 and versions contiguous per stream.
 */
class AppendCrashTest {

    @TempDir
    Path directory;

    @Test
    void acknowledgedAppendsSurviveAndOthersAreAllOrNothingOnH2() throws Exception {
        killDuringAppends("jdbc:h2:file:" + directory.resolve("crash").toAbsolutePath(), "sa", "");
    }

    @Test
    void acknowledgedAppendsSurviveAndOthersAreAllOrNothingOnPostgres() throws Exception {
        killDuringAppends(SharedPostgres.newDatabase(), "postgres", "");
    }

    private void killDuringAppends(String url, String user, String password) throws Exception {
        Process child = new ProcessBuilder(ChildJvms.command(AppendCrashWriter.class, url, user, password))
                .redirectError(directory.resolve("child.err").toFile()).start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // killed
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                synchronized (lines) {
                    return lines.stream().filter(line -> line.startsWith("ok ")).count() >= 2_000;
                }
            });
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        reader.join(10_000);
        Map<String, List<String>> tried = new HashMap<>(); // first id -> all ids of the append
        Set<String> acknowledged = new HashSet<>();
        synchronized (lines) {
            for (String line : lines) {
                if (line.startsWith("try ")) {
                    List<String> ids = List.of(line.substring(4).split(","));
                    tried.put(ids.get(0), ids);
                } else if (line.startsWith("ok ")) {
                    acknowledged.add(line.substring(3));
                }
            }
        }
        try (JdbcEventStore store = JdbcEventStore.open(url, user, password, 2, Clock.systemUTC())) {
            List<StoredEvent> all = new ArrayList<>();
            for (List<StoredEvent> page = store.readAll(0, 5_000); !page.isEmpty();
                 page = store.readAll(page.get(page.size() - 1).position(), 5_000)) {
                all.addAll(page);
            }
            assertThat(all).extracting(StoredEvent::position)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
            Set<String> stored = new HashSet<>();
            Map<String, List<Long>> versions = new HashMap<>();
            for (StoredEvent event : all) {
                stored.add(event.id());
                versions.computeIfAbsent(event.streamId(), k -> new ArrayList<>()).add(event.version());
            }
            versions.values().forEach(list -> assertThat(list)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, list.size()).boxed().toList()));
            int cutShort = 0;
            for (Map.Entry<String, List<String>> append : tried.entrySet()) {
                long present = append.getValue().stream().filter(stored::contains).count();
                if (acknowledged.contains(append.getKey())) {
                    assertThat(present).as("acknowledged append " + append.getKey()).isEqualTo(append.getValue().size());
                } else {
                    assertThat(present).as("unacknowledged append " + append.getKey()).isIn(0L, (long) append.getValue().size());
                    cutShort++;
                }
            }
            assertThat(stored.size()).isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(cutShort).as("appends in flight when killed").isPositive();
        }
    }
}
