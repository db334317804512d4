package io.edakit.archive;

import java.time.Instant;

/** One archive's summary: how many events it holds and the archive times of its first and last. */
public record ArchiveInfo(String name, long events, Instant first, Instant last) {
}
