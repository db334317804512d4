package io.edakit.operator.eventstore;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.edakit.eventstore.AppendResult;
import io.edakit.eventstore.State;
import io.edakit.eventstore.StoredEvent;
import io.edakit.eventstore.StreamInfo;
import io.edakit.routes.eventstore.EventStoreTemplate;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/** The event store's answers as JSON, the same for the CLI's {@code --json} and the HTTP API. */
public final class EventStoreJson {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private EventStoreJson() {
    }

    /** The template's answer to an append, the same over the operator API and from the CLI. */
    public static JsonObject append(AppendResult result) {
        return EventStoreTemplate.body(result);
    }

    public static JsonObject events(List<StoredEvent> events) {
        JsonArray array = new JsonArray();
        events.forEach(event -> array.add(event(event)));
        JsonObject body = new JsonObject();
        body.put("events", array);
        return body;
    }

    static JsonObject event(StoredEvent event) {
        JsonObject json = new JsonObject();
        json.put("position", event.position());
        json.put("stream", event.streamId());
        json.put("version", event.version());
        json.put("id", event.id());
        json.put("type", event.type());
        json.put("revision", event.revision());
        json.put("recordedAt", event.recordedAt().toString());
        json.put("eventTime", event.eventTime().toString());
        json.put("data", new String(event.data(), StandardCharsets.UTF_8));
        json.put("metadata", new JsonObject(new java.util.LinkedHashMap<>(event.metadata())));
        return json;
    }

    public static JsonObject streams(List<StreamInfo> streams) {
        JsonArray array = new JsonArray();
        for (StreamInfo stream : streams) {
            JsonObject json = new JsonObject();
            json.put("stream", stream.streamId());
            json.put("version", stream.version());
            json.put("createdAt", stream.createdAt().toString());
            json.put("updatedAt", stream.updatedAt().toString());
            array.add(json);
        }
        JsonObject body = new JsonObject();
        body.put("streams", array);
        return body;
    }

    /** The state, its version, and with {@code explain} the snapshot it started from and the events folded. */
    public static JsonObject state(State state, boolean explain) {
        JsonObject json = new JsonObject();
        json.put("stream", state.streamId());
        json.put("version", state.version());
        json.put("state", JSON.convertValue(state.value(), Object.class)); // maps and lists: Jsoner writes those
        if (explain) {
            JsonObject snapshot = new JsonObject();
            snapshot.put("version", state.snapshotVersion());
            snapshot.put("takenAt", state.snapshotTakenAt() == null ? null : state.snapshotTakenAt().toString());
            json.put("snapshot", state.snapshotVersion() == 0 ? null : snapshot);
            JsonArray folded = new JsonArray();
            for (State.Folded event : state.folded()) {
                JsonObject one = new JsonObject();
                one.put("version", event.version());
                one.put("position", event.position());
                one.put("type", event.type());
                one.put("recordedAt", event.recordedAt().toString());
                one.put("eventTime", event.eventTime().toString());
                folded.add(one);
            }
            json.put("folded", folded);
        }
        return json;
    }
}
