package io.edakit.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the schema files of a folder and what each stands for. The layout:
 * <pre>
 * schemas/
 *   order.created.json        version 1 of order.created
 *   order.created/2.json      version 2 of order.created
 *   payment.failed/1.json     version 1 of payment.failed
 * </pre>
 * Entries whose name starts with a dot and entries not ending in {@code .json} are ignored (a
 * README may sit beside the schemas). A {@code .json} file in a type's folder must be named by a
 * positive whole number, and no version may be given twice ({@code order.created.json} and
 * {@code order.created/1.json}): both are refused rather than guessed.
 */
final class SchemaFiles {

    private static final String SUFFIX = ".json";
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");

    /** One schema file: the event type and version its place in the folder gives it. */
    record SchemaFile(String eventType, int version, Path path) {
    }

    private SchemaFiles() {
    }

    static List<SchemaFile> scan(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new SchemaLoadException(directory, Files.exists(directory)
                    ? "not a directory" : "schema directory does not exist");
        }
        List<SchemaFile> found = new ArrayList<>();
        for (Path entry : list(directory)) {
            String name = entry.getFileName().toString();
            if (Files.isDirectory(entry)) {
                found.addAll(versionsOf(name, entry));
            } else if (name.endsWith(SUFFIX) && name.length() > SUFFIX.length()) {
                found.add(new SchemaFile(stripSuffix(name), 1, entry));
            }
        }
        refuseDuplicates(found);
        return found;
    }

    private static List<SchemaFile> versionsOf(String eventType, Path folder) {
        List<SchemaFile> versions = new ArrayList<>();
        for (Path file : list(folder)) {
            String name = file.getFileName().toString();
            if (!name.endsWith(SUFFIX) || Files.isDirectory(file)) {
                continue;
            }
            String version = stripSuffix(name);
            if (!VERSION.matcher(version).matches()) {
                throw new SchemaLoadException(file, "a schema in an event type's folder is named <version>.json with a "
                        + "positive whole number, e.g. " + eventType + "/2.json");
            }
            versions.add(new SchemaFile(eventType, Integer.parseInt(version), file));
        }
        return versions;
    }

    private static void refuseDuplicates(List<SchemaFile> files) {
        Map<String, Path> seen = new HashMap<>();
        for (SchemaFile file : files) {
            Path earlier = seen.putIfAbsent(file.eventType() + "/" + file.version(), file.path());
            if (earlier != null) {
                throw new SchemaLoadException(file.path(), "version " + file.version() + " of " + file.eventType()
                        + " is also defined by " + earlier + "; keep one of them");
            }
        }
    }

    /** Entries sorted by name (so that loading, and its errors, do not depend on the file system), dot files left out. */
    private static List<Path> list(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(entry -> !entry.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new SchemaLoadException(directory, "cannot list: " + e.getMessage(), e);
        }
    }

    private static String stripSuffix(String name) {
        return name.substring(0, name.length() - SUFFIX.length());
    }
}
