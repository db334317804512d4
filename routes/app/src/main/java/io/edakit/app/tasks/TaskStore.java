package io.edakit.app.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task files: {@code <dir>/<id>.json}, each replaced whole (written beside, then moved over), so a
 * stop in the middle of a write leaves the previous state, never half a file.
 */
final class TaskStore {

    private static final Logger LOG = LoggerFactory.getLogger(TaskStore.class);

    private final Path dir;

    TaskStore(Path dir) {
        this.dir = dir;
    }

    void save(RedriveTask task, Instant now) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(task.id() + ".json");
            Path next = dir.resolve(task.id() + ".json.next");
            Files.writeString(next, Jsoner.prettyPrint(task.toJson(now).toJson()), StandardCharsets.UTF_8);
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the redrive task file in " + dir, e);
        }
    }

    /** Every task file's task; a file that cannot be read is named in a WARN and skipped. */
    List<RedriveTask> load() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RedriveTask> tasks = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    tasks.add(RedriveTask.fromJson((JsonObject) Jsoner.deserialize(Files.readString(file))));
                } catch (Exception e) {
                    LOG.warn("Skipped the redrive task file {}: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the redrive task files in " + dir, e);
        }
        return tasks;
    }
}
