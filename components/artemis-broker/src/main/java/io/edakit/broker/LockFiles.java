package io.edakit.broker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Whether a broker's data directory is in use, told by the lock files the broker keeps there: a
 * running broker holds an operating-system lock on one of them for as long as it lives (a crashed
 * one holds none, so a stale file is no obstacle). The test takes the lock itself for an instant,
 * which is the only question the operating system answers; a broker starting at that very instant
 * retries its own lock, so the test never keeps it from starting.
 */
public final class LockFiles {

    private LockFiles() {
    }

    /**
     * The first file in {@code directory} whose name matches {@code glob} that another process (or
     * this one) holds a lock on; empty when none is held or the directory does not exist yet.
     */
    public static Optional<Path> heldIn(Path directory, String glob) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && isHeld(file)) {
                    return Optional.of(file);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isHeld(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true; // another process holds it
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this JVM holds it: a broker of this process runs on the directory
        }
    }
}
