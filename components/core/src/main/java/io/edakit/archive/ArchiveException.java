package io.edakit.archive;

/** The archive's database failed a read or a write; the message names what was being done. */
public final class ArchiveException extends RuntimeException {

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
