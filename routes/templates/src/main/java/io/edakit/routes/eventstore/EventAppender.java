package io.edakit.routes.eventstore;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.envelope.Envelope;
import io.edakit.envelope.StructuredCloudEvents;
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
 * <p>A CloudEvents batch ({@code application/cloudevents-batch+json}, an array of structured events)
 * is one append of all its events, atomic: each event's envelope is completed and checked as a single
 * event's is, its stream id and revision come from the same expressions evaluated on it, and they must
 * all name one stream; the expected version is the message's, for the whole batch. Any bad event fails
 * the batch, named by its place, and nothing of it is stored.
 *
 * <p>A message without a stream id, with an unreadable expected version or revision, is a poison
 * message. A conflict is one too when {@code conflictIsPoison} (a channel source: nobody to tell,
 * and a retry would meet the same version), else it is left for the HTTP answer (409).
 */
final class EventAppender implements Processor {

    /** Exchange property: the {@link AppendResult}. */
    static final String RESULT = "EdakitAppendResult";

    private final JdbcEventStore store;
    private final Processor envelope;
    private final Expression streamId;
    private final Expression expectedVersion;
    private final Expression revision;
    private final boolean conflictIsPoison;

    /** @param envelope completes and checks the envelope of each event of a batch */
    EventAppender(JdbcEventStore store, Processor envelope, Expression streamId, Expression expectedVersion,
                  Expression revision, boolean conflictIsPoison) {
        this.store = store;
        this.envelope = envelope;
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.revision = revision;
        this.conflictIsPoison = conflictIsPoison;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ExpectedVersion expected;
        try {
            expected = ExpectedVersion.parse(expectedVersion.evaluate(exchange, String.class));
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(e.getMessage());
        }
        String stream;
        List<NewEvent> events;
        if (StructuredCloudEvents.isBatch(exchange.getMessage())) {
            List<Exchange> members = members(exchange);
            stream = stream(members.get(0));
            events = new ArrayList<>(members.size());
            for (Exchange member : members) {
                String place = "batch event " + (events.size() + 1) + " of " + members.size();
                String memberStream = stream(member);
                if (!memberStream.equals(stream)) {
                    throw new PoisonMessageException(place + " is for stream '" + memberStream + "', the first for '"
                            + stream + "': a batch is one append, to one stream");
                }
                events.add(event(member, place + ": "));
            }
        } else {
            stream = stream(exchange);
            events = List.of(event(exchange, ""));
        }
        AppendResult result = store.append(stream, expected, events);
        exchange.setProperty(RESULT, result);
        if (result instanceof AppendResult.Conflict conflict && conflictIsPoison) {
            throw new PoisonMessageException("conflict: " + conflict.message());
        }
    }

    /** Each event of a batch as a message of its own, binary mode, its envelope completed and checked. */
    private List<Exchange> members(Exchange batch) throws Exception {
        byte[] body = batch.getMessage().getBody(byte[].class);
        List<StructuredCloudEvents.BinaryEvent> parsed = StructuredCloudEvents.parseBatch(body == null ? new byte[0] : body);
        List<Exchange> members = new ArrayList<>(parsed.size());
        for (StructuredCloudEvents.BinaryEvent event : parsed) {
            Exchange member = batch.copy();
            Message message = member.getMessage();
            // the batch's own headers stay (an expression may read them); its envelope is not the event's
            message.getHeaders().keySet().removeIf(name -> name.startsWith(Envelope.PREFIX));
            message.removeHeader(Exchange.CONTENT_TYPE);
            event.envelope().writeTo(message);
            message.setBody(event.data());
            if (event.envelope().dataContentType() != null) {
                message.setHeader(Exchange.CONTENT_TYPE, event.envelope().dataContentType());
            }
            try {
                envelope.process(member);
            } catch (PoisonMessageException e) {
                throw new PoisonMessageException("batch event " + (members.size() + 1) + " of " + parsed.size() + ": "
                        + e.getMessage(), e);
            }
            members.add(member);
        }
        return members;
    }

    private String stream(Exchange exchange) {
        String stream = streamId.evaluate(exchange, String.class);
        if (stream == null || stream.isBlank()) {
            throw new PoisonMessageException("the event gives no stream id (ce_subject, by default)");
        }
        return stream;
    }

    /** @param place where the event stands, for the message of a failure ("" for a single event) */
    private NewEvent event(Exchange exchange, String place) {
        Message message = exchange.getMessage();
        String revisionText = revision.evaluate(exchange, String.class);
        int eventRevision;
        try {
            eventRevision = revisionText == null || revisionText.isBlank() ? 1 : Integer.parseInt(revisionText.strip());
        } catch (NumberFormatException e) {
            throw new PoisonMessageException(place + "revision: expected a number of 1 or more, got '" + revisionText + "'");
        }
        byte[] data = message.getBody(byte[].class);
        try {
            return new NewEvent(message.getHeader(Envelope.ID, String.class), message.getHeader(Envelope.TYPE, String.class),
                    eventRevision, data == null ? new byte[0] : data, metadata(message), time(message, place));
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(place + e.getMessage());
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

    private static Instant time(Message message, String place) {
        String time = message.getHeader(Envelope.TIME, String.class);
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException(place + "ce_time '" + time + "' is not an RFC 3339 time");
        }
    }
}
