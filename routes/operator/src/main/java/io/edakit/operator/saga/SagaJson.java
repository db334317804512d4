package io.edakit.operator.saga;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.edakit.saga.SagaEvent;
import io.edakit.saga.SagaRecord;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/** Sagas as JSON, for the HTTP API and {@code --json} in the CLI. */
public final class SagaJson {

    private static final int PREVIEW = 200;

    private SagaJson() {
    }

    public static JsonArray sagas(List<SagaRecord> sagas) {
        JsonArray array = new JsonArray();
        sagas.forEach(saga -> array.add(saga(saga)));
        return array;
    }

    public static JsonObject saga(SagaRecord saga) {
        JsonObject json = new JsonObject();
        json.put("id", saga.id());
        json.put("saga", saga.definition());
        json.put("state", saga.state().label());
        json.put("startedAt", saga.startedAt().toString());
        json.put("updatedAt", saga.updatedAt().toString());
        json.put("deadline", saga.deadline().toString());
        json.put("owner", saga.owner());
        return json;
    }

    public static JsonObject detail(SagaOperations.SagaDetail detail) {
        JsonObject json = saga(detail.saga());
        byte[] payload = detail.saga().payload() == null ? new byte[0] : detail.saga().payload();
        String text = new String(payload, 0, Math.min(payload.length, PREVIEW), StandardCharsets.UTF_8);
        json.put("input", payload.length > PREVIEW ? text + "..." : text);
        json.put("headers", new JsonObject(detail.saga().headers()));
        JsonArray timeline = new JsonArray();
        for (SagaEvent event : detail.timeline()) {
            JsonObject entry = new JsonObject();
            entry.put("at", event.at().toString());
            entry.put("event", event.kind().label());
            if (event.stepId() != null) {
                entry.put("step", event.stepId());
            }
            if (event.attempt() > 0) {
                entry.put("attempt", event.attempt());
            }
            if (event.detail() != null) {
                entry.put("detail", event.detail());
            }
            timeline.add(entry);
        }
        json.put("timeline", timeline);
        return json;
    }
}
