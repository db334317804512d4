package io.edakit.operator.projection;

import java.util.List;

import io.edakit.projection.ProjectionState;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/** Projections as JSON, the same for the CLI's {@code --json} and the HTTP API. */
public final class ProjectionJson {

    private ProjectionJson() {
    }

    public static JsonObject list(List<ProjectionOperations.Listed> projections) {
        JsonArray array = new JsonArray();
        projections.forEach(projection -> array.add(projection(projection)));
        JsonObject body = new JsonObject();
        body.put("projections", array);
        return body;
    }

    public static JsonObject projection(ProjectionOperations.Listed listed) {
        ProjectionState state = listed.state();
        JsonObject json = new JsonObject();
        json.put("name", state.name());
        json.put("position", state.position());
        json.put("head", listed.head());
        json.put("lag", listed.lag());
        json.put("oldestUnprojectedAt", listed.oldestUnprojected() == null ? null : listed.oldestUnprojected().toString());
        json.put("lagSeconds", listed.lagAge().toMillis() / 1000.0);
        json.put("owner", state.liveOwner(listed.now()));
        json.put("state", state.status(listed.now()));
        json.put("replayUntil", state.replayUntil());
        json.put("updatedAt", state.updatedAt().toString());
        json.put("error", state.error());
        return json;
    }
}
