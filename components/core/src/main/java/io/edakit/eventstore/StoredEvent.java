package io.edakit.eventstore;

import java.time.Instant;
import java.util.Map;

/**
 * An event as the store holds it.
 *
 * @param position   its place in the store's global order: 1, 2, 3 ... without gaps, in commit order
 * @param streamId   the stream it belongs to
 * @param version    its place in the stream: 1, 2, 3 ...
 * @param recordedAt when its append committed (never earlier than any event before it in the global order)
 * @param eventTime  when it happened by its producer; its recorded time when it carried none
 */
public record StoredEvent(long position, String streamId, long version, String id, String type, int revision,
                          byte[] data, Map<String, String> metadata, Instant recordedAt, Instant eventTime) {
}
