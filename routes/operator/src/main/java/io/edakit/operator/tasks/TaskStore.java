package io.edakit.operator.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task files: {@code <dir>/<id>.json}, each replaced whole (written beside, then moved over), so a
 * stop in the middle of a write leaves the previous state, never half a file. Tasks of every kind
 * (redrives, replays) share the directory; each file says its kind.
 */
final class TaskStore {

    private static final Logger LOG = LoggerFactory.getLogger(TaskStore.class);

    static final String REDRIVE = "redrive";

    private final Path dir;

    TaskStore(Path dir) {
        this.dir = dir;
    }

    /** Replaces the file of task {@code id} with {@code json} (which names the task's kind). */
    void save(String id, JsonObject json) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(id + ".json");
            Path next = dir.resolve(id + ".json.next");
            Files.writeString(next, Jsoner.prettyPrint(json.toJson()), StandardCharsets.UTF_8);
            try {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the task file in " + dir, e);
        }
    }

    /**
     * The tasks of {@code kind} (a file without a kind is a redrive's, as written before there were
     * others), read with {@code read}; a file that cannot be read is named in a WARN and skipped.
     */
    <T> List<T> load(String kind, Function<JsonObject, T> read) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<T> tasks = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    JsonObject json = (JsonObject) Jsoner.deserialize(Files.readString(file));
                    if (kind.equals(json.getStringOrDefault("kind", REDRIVE))) {
                        tasks.add(read.apply(json));
                    }
                } catch (Exception e) {
                    LOG.warn("Skipped the task file {}: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the task files in " + dir, e);
        }
        return tasks;
    }
}
