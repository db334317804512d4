package io.edakit.schema;

import java.nio.file.Path;

/** A schema folder or file that cannot be used; names the file so that it can be fixed. */
public class SchemaLoadException extends RuntimeException {

    private final transient Path file;

    public SchemaLoadException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public SchemaLoadException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The schema file or folder at fault. */
    public Path file() {
        return file;
    }
}
