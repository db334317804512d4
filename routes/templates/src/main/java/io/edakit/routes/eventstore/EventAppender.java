package io.edakit.routes.eventstore;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.envelope.Envelope;
import io.edakit.eventstore.AppendResult;
import io.edakit.eventstore.ExpectedVersion;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.eventstore.NewEvent;
import io.edakit.failure.PoisonMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Appends the message (its envelope already complete) as one event: stream id, expected version
 * and revision from expressions, event id and type from the envelope, time from {@code ce_time},
 * the body byte for byte, and the {@code ce_*} headers and content type as metadata. Returns once
 * the append committed; the result is in {@link #RESULT}.
 *
 * <p>A message without a stream id, with an unreadable expected version or revision, is a poison
 * message. A conflict is one too when {@code conflictIsPoison} (a channel source: nobody to tell,
 * and a retry would meet the same version), else it is left for the HTTP answer (409).
 */
final class EventAppender implements Processor {

    /** Exchange property: the {@link AppendResult}. */
    static final String RESULT = "EdakitAppendResult";

    private final JdbcEventStore store;
    private final Expression streamId;
    private final Expression expectedVersion;
    private final Expression revision;
    private final boolean conflictIsPoison;

    EventAppender(JdbcEventStore store, Expression streamId, Expression expectedVersion, Expression revision,
                  boolean conflictIsPoison) {
        this.store = store;
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.revision = revision;
        this.conflictIsPoison = conflictIsPoison;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String stream = streamId.evaluate(exchange, String.class);
        if (stream == null || stream.isBlank()) {
            throw new PoisonMessageException("the event gives no stream id (ce_subject, by default)");
        }
        ExpectedVersion expected;
        int eventRevision;
        try {
            expected = ExpectedVersion.parse(expectedVersion.evaluate(exchange, String.class));
            String revisionText = revision.evaluate(exchange, String.class);
            eventRevision = revisionText == null || revisionText.isBlank() ? 1 : Integer.parseInt(revisionText.strip());
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(e.getMessage().startsWith("expected version") ? e.getMessage()
                    : "revision: expected a number of 1 or more, got '" + revision.evaluate(exchange, String.class) + "'");
        }
        byte[] data = message.getBody(byte[].class);
        NewEvent event;
        try {
            event = new NewEvent(message.getHeader(Envelope.ID, String.class), message.getHeader(Envelope.TYPE, String.class),
                    eventRevision, data == null ? new byte[0] : data, metadata(message), time(message));
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(e.getMessage());
        }
        AppendResult result = store.append(stream, expected, List.of(event));
        exchange.setProperty(RESULT, result);
        if (result instanceof AppendResult.Conflict conflict && conflictIsPoison) {
            throw new PoisonMessageException("conflict: " + conflict.message());
        }
    }

    private static Map<String, String> metadata(Message message) {
        Map<String, String> metadata = new LinkedHashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value != null && name.startsWith(Envelope.PREFIX)) {
                metadata.put(name, value.toString());
            }
        });
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null && !metadata.containsKey(Envelope.DATACONTENTTYPE)) {
            metadata.put(Envelope.DATACONTENTTYPE, contentType);
        }
        return metadata;
    }

    private static Instant time(Message message) {
        String time = message.getHeader(Envelope.TIME, String.class);
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("ce_time '" + time + "' is not an RFC 3339 time");
        }
    }
}
