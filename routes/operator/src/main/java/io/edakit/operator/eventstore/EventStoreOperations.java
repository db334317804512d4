package io.edakit.operator.eventstore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.edakit.eventstore.AppendResult;
import io.edakit.eventstore.ExpectedVersion;
import io.edakit.eventstore.Fold;
import io.edakit.eventstore.JdbcEventStore;
import io.edakit.eventstore.NewEvent;
import io.edakit.eventstore.State;
import io.edakit.eventstore.StateQuery;
import io.edakit.eventstore.StateReader;
import io.edakit.eventstore.StoredEvent;
import io.edakit.eventstore.StreamInfo;
import io.edakit.eventstore.Upcasters;
import io.edakit.routes.eventstore.EventStoreTemplate;
import io.edakit.routes.eventstore.ReaderBeans;

/**
 * What an operator does with the event store, shared by {@code edakit es} and the HTTP API: append,
 * read a stream, rebuild a state at a version or time, list streams.
 */
public final class EventStoreOperations {

    private final JdbcEventStore store;

    public EventStoreOperations(JdbcEventStore store) {
        this.store = store;
    }

    /** Appends one event; id and type default to a random id and "event". */
    public AppendResult append(String stream, String expected, String id, String type, int revision, String data,
                               String time) {
        String eventId = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        String eventType = type == null || type.isBlank() ? "event" : type;
        NewEvent event = new NewEvent(eventId, eventType, revision, data.getBytes(StandardCharsets.UTF_8),
                Map.of("ce_id", eventId, "ce_type", eventType), time == null || time.isBlank() ? null : time(time));
        return store.append(stream, ExpectedVersion.parse(expected), List.of(event));
    }

    public List<StoredEvent> read(String stream, long fromVersion, int limit) {
        return store.readStream(stream, fromVersion, limit);
    }

    public List<StreamInfo> streams(String after, int limit) {
        return store.streams(after == null ? "" : after, limit);
    }

    /**
     * The state of {@code stream}: at a version, at a time (recorded, or event time when
     * {@code eventTime}), or the latest, folded with {@code fold} (a JSONata expression; blank: merge
     * patch, as the template's default) after {@code upcasters} (TYPE@REVISION=JSONata entries, as
     * the template's parameter; blank: none): the template's snapshots are used when both are its own.
     * Bean references name beans of a running instance, which only its HTTP API can use.
     */
    public State state(String stream, Long version, String at, boolean eventTime, String fold, String upcasters) {
        refuseBeans(stream, "fold", fold);
        refuseBeans(stream, "upcasters", upcasters);
        return state(stream, version, at, eventTime, EventStoreTemplate.fold(fold),
                ReaderBeans.upcasters("--upcasters", upcasters, null));
    }

    /** As {@link #state(String, Long, String, boolean, String, String)} with a fold and upcasters resolved already. */
    public State state(String stream, Long version, String at, boolean eventTime, Fold fold, Upcasters upcasters) {
        StateQuery query = at != null && !at.isBlank()
                ? StateQuery.at(time(at), eventTime ? StateQuery.TimeBasis.EVENT : StateQuery.TimeBasis.RECORDED)
                : version != null ? StateQuery.atVersion(version) : StateQuery.latest();
        if (version != null && query.at() != null) {
            query = new StateQuery(version, query.at(), query.basis());
        }
        try (StateReader reader = new StateReader(store, fold, upcasters, 0)) {
            return reader.state(stream, query);
        }
    }

    private static void refuseBeans(String stream, String option, String value) {
        List<String> beans = ReaderBeans.references(value);
        if (!beans.isEmpty()) {
            throw new IllegalArgumentException("--" + option + " " + value.strip() + ": a bean exists in a running "
                    + "instance only; read the state over its HTTP API: GET /edakit/event-store/streams/" + stream
                    + "/state?" + option + "=%23" + beans.get(0));
        }
    }

    /** An RFC 3339 time ({@code 2026-12-01T10:00:00Z}, with an offset or Z). */
    static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + text + "': expected an RFC 3339 time such as "
                    + "2026-12-01T10:00:00Z");
        }
    }
}
