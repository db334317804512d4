package io.edakit.operator.workflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import io.edakit.workflow.asl.StateMachine;
import io.edakit.workflow.durable.WorkflowRecord;
import io.edakit.workflow.durable.WorkflowRunner;
import io.edakit.workflow.graph.Diagram;
import io.edakit.workflow.graph.DiagramLayout;
import io.edakit.workflow.graph.ExecutionPath;
import io.edakit.workflow.graph.SvgDiagram;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * One execution drawn on its definition, for the console: the SVG of the definition with the path
 * on it, and the path as data ({@code visited}: key to how often, {@code current}, {@code failed},
 * {@code transitions} as {@code [from, to]} pairs), so that a page that already holds the drawing
 * only recolours it. {@code drawing} names the definition's drawing without a path (a digest of it):
 * a caller that passes it back as {@code known} gets no {@code svg} while the definition stays the
 * same, which saves sending and re-parsing the whole drawing on every refresh of the page.
 * Only a workflow this instance runs has its definition here; otherwise the answer says so and has
 * no drawing (the history is still there).
 */
final class WorkflowDrawing {

    private WorkflowDrawing() {
    }

    /** @param known the {@code drawing} the caller already holds, or null */
    static JsonObject of(WorkflowRunner runner, WorkflowRecord execution, String known) {
        JsonObject json = WorkflowJson.execution(execution);
        Optional<StateMachine> machine = runner.definition(execution.workflow());
        if (machine.isEmpty()) {
            json.put("note", "workflow " + execution.workflow() + " does not run in this instance: no definition to draw");
            return json;
        }
        Diagram diagram = DiagramLayout.layout(machine.get());
        String drawing = digest(SvgDiagram.render(diagram, Optional.empty(), false));
        json.put("drawing", drawing);
        boolean send = !drawing.equals(known);
        ExecutionPath path;
        try {
            path = ExecutionPath.of(machine.get(), execution, runner.store());
        } catch (RuntimeException e) { // a definition changed so much that the history no longer replays on it
            json.put("note", "the history does not replay on the definition running now: " + e.getMessage());
            if (send) {
                json.put("svg", SvgDiagram.render(diagram, Optional.empty(), false));
            }
            return json;
        }
        if (send) {
            json.put("svg", SvgDiagram.render(diagram, Optional.of(path), false));
        }
        JsonObject visited = new JsonObject();
        for (Map.Entry<String, Integer> entry : path.visited().entrySet()) {
            visited.put(entry.getKey(), entry.getValue());
        }
        json.put("visited", visited);
        json.put("current", new JsonArray(path.current()));
        json.put("failed", new JsonArray(path.failed()));
        JsonArray transitions = new JsonArray();
        for (String transition : path.transitions()) {
            String[] ends = transition.split("\n", 2);
            transitions.add(new JsonArray(java.util.List.of(ends[0], ends[1])));
        }
        json.put("transitions", transitions);
        return json;
    }

    private static String digest(String svg) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(svg.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
