package io.edakit.operator.archive;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;

import io.edakit.archive.ArchiveInfo;
import io.edakit.archive.ArchivedEvent;
import io.edakit.archive.Replayer;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/** Archives, archived events and dry runs as the HTTP API and the CLI show them. */
public final class ArchiveJson {

    private ArchiveJson() {
    }

    public static JsonObject archives(List<ArchiveInfo> archives) {
        JsonArray array = new JsonArray();
        for (ArchiveInfo archive : archives) {
            JsonObject json = new JsonObject();
            json.put("name", archive.name());
            json.put("events", archive.events());
            json.put("first", archive.first().toString());
            json.put("last", archive.last().toString());
            array.add(json);
        }
        JsonObject body = new JsonObject();
        body.put("archives", array);
        return body;
    }

    public static JsonObject events(List<ArchivedEvent> events) {
        JsonArray array = new JsonArray();
        events.forEach(event -> array.add(event(event)));
        JsonObject body = new JsonObject();
        body.put("events", array);
        return body;
    }

    /** One event: its place and time in the archive, id, type, headers and body (as UTF-8 text). */
    public static JsonObject event(ArchivedEvent event) {
        JsonObject json = new JsonObject();
        json.put("sequence", event.sequence());
        json.put("id", event.eventId());
        json.put("type", event.type());
        json.put("archivedAt", event.archivedAt().toString());
        json.put("headers", new JsonObject(new LinkedHashMap<>(event.headers())));
        json.put("body", new String(event.body(), StandardCharsets.UTF_8));
        return json;
    }

    /** A dry run: the events the replay would send (count), how many of the window it looked at, the first ones. */
    public static JsonObject dryRun(String name, Replayer.DryRun dryRun) {
        JsonObject body = events(dryRun.first());
        body.put("name", name);
        body.put("dryRun", true);
        body.put("count", dryRun.count());
        body.put("scanned", dryRun.scanned());
        return body;
    }
}
