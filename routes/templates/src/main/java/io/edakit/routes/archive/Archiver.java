package io.edakit.routes.archive;

import java.util.Map;
import java.util.TreeMap;

import io.edakit.archive.EventArchive;
import io.edakit.channel.ChannelHeaders;
import io.edakit.envelope.Envelope;
import io.edakit.failure.PoisonMessageException;
import io.edakit.jdbc.GroupCommitter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Writes the message to its archive and returns once the write committed, so the channel
 * acknowledges it only then: an acknowledged event is archived and can be replayed at once.
 *
 * <p>What is kept: the body byte for byte and the headers that travel with an event (the envelope,
 * application headers, the ordering key); Camel's and the channel's local headers are left out.
 * {@link ArchiveSelection} has passed over replayed events before. A message without an event id
 * ({@code ce_id}) is a poison message: a replayed event keeps its id, so the archive needs one.
 */
final class Archiver implements Processor {

    private final EventArchive archive;
    private final String name;

    Archiver(EventArchive archive, String name) {
        this.archive = archive;
        this.name = name;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String id = message.getHeader(Envelope.ID, String.class);
        if (id == null || id.isBlank()) {
            throw new PoisonMessageException("the event has no id (ce_id): an archived event keeps its id when replayed");
        }
        byte[] body = message.getBody(byte[].class);
        GroupCommitter.await(archive.archiveAsync(name, id, message.getHeader(Envelope.TYPE, String.class),
                travelling(message), body));
    }

    /** The headers that travel with the event, as text. */
    static Map<String, String> travelling(Message message) {
        Map<String, String> headers = new TreeMap<>();
        message.getHeaders().forEach((header, value) -> {
            if (value != null && !header.startsWith("Camel")
                    && (!header.startsWith("Edakit") || header.equals(ChannelHeaders.KEY))) {
                headers.put(header, value instanceof byte[] bytes
                        ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : value.toString());
            }
        });
        return headers;
    }
}
