package io.edakit.app.workflow;

import java.util.Map;
import java.util.Optional;

import io.edakit.workflow.asl.StateMachine;
import io.edakit.workflow.durable.WorkflowRecord;
import io.edakit.workflow.durable.WorkflowRunner;
import io.edakit.workflow.graph.DiagramLayout;
import io.edakit.workflow.graph.ExecutionPath;
import io.edakit.workflow.graph.SvgDiagram;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * One execution drawn on its definition, for the console: the SVG of the definition with the path
 * on it, and the path as data ({@code visited}: key to how often, {@code current}, {@code failed}).
 * Only a workflow this instance runs has its definition here; otherwise the answer says so and has
 * no drawing (the history is still there).
 */
final class WorkflowDrawing {

    private WorkflowDrawing() {
    }

    static JsonObject of(WorkflowRunner runner, WorkflowRecord execution) {
        JsonObject json = WorkflowJson.execution(execution);
        Optional<StateMachine> machine = runner.definition(execution.workflow());
        if (machine.isEmpty()) {
            json.put("note", "workflow " + execution.workflow() + " does not run in this instance: no definition to draw");
            return json;
        }
        ExecutionPath path;
        try {
            path = ExecutionPath.of(machine.get(), execution, runner.store());
        } catch (RuntimeException e) { // a definition changed so much that the history no longer replays on it
            json.put("note", "the history does not replay on the definition running now: " + e.getMessage());
            json.put("svg", SvgDiagram.render(DiagramLayout.layout(machine.get()), Optional.empty(), false));
            return json;
        }
        json.put("svg", SvgDiagram.render(DiagramLayout.layout(machine.get()), Optional.of(path), false));
        JsonObject visited = new JsonObject();
        for (Map.Entry<String, Integer> entry : path.visited().entrySet()) {
            visited.put(entry.getKey(), entry.getValue());
        }
        json.put("visited", visited);
        json.put("current", new JsonArray(path.current()));
        json.put("failed", new JsonArray(path.failed()));
        return json;
    }
}
