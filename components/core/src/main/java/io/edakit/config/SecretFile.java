package io.edakit.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A random secret kept in a file only its owner may read, for credentials nobody configured: the
 * process that needs one first creates it, later starts and local tools (the CLI, an operator's
 * {@code curl}) read the same file. Its value is never logged.
 *
 * <p>Contract: {@link #readOrCreate} returns the same value to every caller for as long as the
 * file exists, also to two processes racing to create it (the file appears complete or not at
 * all). A file that others than its owner may read is refused rather than trusted, as ssh does
 * with keys: whoever loosened it may have read it.
 */
public final class SecretFile {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFile.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private SecretFile() {
    }

    /**
     * The secret in {@code file}, generated (256 random bits) if the file does not exist yet.
     * {@code what} names the secret in the one log line written on creation, e.g. "broker password".
     */
    public static String readOrCreate(Path file, String what) {
        if (Files.exists(file)) {
            return read(file, what);
        }
        try {
            createDirectories(file.toAbsolutePath().getParent());
            // created rw------- on POSIX systems, and complete before anyone can see it under its name
            Path draft = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".new");
            try {
                restrictToOwner(draft);
                Files.writeString(draft, generate() + "\n", StandardCharsets.UTF_8);
                if (publish(draft, file)) {
                    LOG.info("Generated the {} into {} (readable by its owner only)", what, file);
                }
            } finally {
                Files.deleteIfExists(draft);
            }
            return read(file, what);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The secret in {@code file}, which must exist (tools reading what a running instance generated). */
    public static String read(Path file, String what) {
        try {
            if (posix(file)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(permissions)) {
                    throw new IllegalStateException("the " + what + " file " + file + " may be read by other users ("
                            + PosixFilePermissions.toString(permissions) + "): restrict it with 'chmod 600 " + file
                            + "', or delete it to generate a new one");
                }
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (secret.isEmpty()) {
                throw new IllegalStateException("the " + what + " file " + file + " is empty: delete it to generate a new one");
            }
            return secret;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no " + what + " file " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Gives the draft its final name unless the file exists: a hard link never replaces one, so of
     * two racing processes one wins and the other reads the winner's value. False when it lost.
     */
    private static boolean publish(Path draft, Path file) throws IOException {
        try {
            Files.createLink(file, draft);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            try {
                Files.move(draft, file); // without REPLACE_EXISTING: fails if it appeared meanwhile
                return true;
            } catch (FileAlreadyExistsException raced) {
                return false;
            }
        }
    }

    private static String generate() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Directories this creates are the owner's only; existing ones are left as they are. */
    private static void createDirectories(Path directory) throws IOException {
        if (directory == null || Files.isDirectory(directory)) {
            return;
        }
        createDirectories(directory.getParent());
        try {
            if (posix(directory.getParent())) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile
        }
    }

    /** Where POSIX permissions do not exist (Windows), the file system's defaults for the user's files apply. */
    private static void restrictToOwner(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY); // the umask may have narrowed, never widened
        } else {
            java.io.File plain = file.toFile();
            plain.setReadable(false, false);
            plain.setReadable(true, true);
            plain.setWritable(false, false);
            plain.setWritable(true, true);
        }
    }

    private static boolean posix(Path path) {
        Path existing = path == null ? null : path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    }
}
