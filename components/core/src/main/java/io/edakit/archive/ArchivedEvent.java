package io.edakit.archive;

import java.time.Instant;
import java.util.Map;

/**
 * An event as the archive holds it: its place in the archive order, its id and type (from the
 * envelope), when it was archived, the headers it travelled with and its body byte for byte.
 */
public record ArchivedEvent(long sequence, String archive, String eventId, String type, Instant archivedAt,
                            Map<String, String> headers, byte[] body) {

    public ArchivedEvent {
        headers = Map.copyOf(headers);
    }
}
