package io.edakit.operator.tasks;

import io.edakit.routes.support.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/** The answers every task API gives alike: the list of a runner's tasks, and one task or a 404. */
final class TaskJson {

    private TaskJson() {
    }

    /** 200 with {@code {"<key>": [task, ...]}}, newest first. */
    static void writeList(Exchange exchange, TaskRunner<?> runner, String key) {
        JsonArray list = new JsonArray();
        runner.list().forEach(task -> list.add(task.toJson(runner.clock().instant())));
        JsonObject body = new JsonObject();
        body.put(key, list);
        JsonResponses.write(exchange, 200, body);
    }

    /** Task {@code id} (200), or cancels it ({@code cancel}: 202); 404 naming the {@code what} where there is none. */
    static void writeOne(Exchange exchange, TaskRunner<?> runner, String id, boolean cancel, String what) {
        var task = cancel ? runner.cancel(id) : runner.find(id);
        if (task.isEmpty()) {
            JsonObject body = new JsonObject();
            body.put("error", "not-found");
            body.put("message", "no " + what + " " + id);
            JsonResponses.write(exchange, 404, body);
        } else {
            JsonResponses.write(exchange, cancel ? 202 : 200, task.get().toJson(runner.clock().instant()));
        }
    }
}
