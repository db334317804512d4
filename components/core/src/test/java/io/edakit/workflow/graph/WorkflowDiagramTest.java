package io.edakit.workflow.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.xml.parsers.DocumentBuilderFactory;

import io.edakit.workflow.asl.AslParser;
import io.edakit.workflow.asl.StateMachine;
import io.edakit.workflow.durable.WorkflowRecord;
import io.edakit.workflow.durable.WorkflowRunner;
import io.edakit.workflow.durable.WorkflowStatus;
import io.edakit.workflow.durable.WorkflowStore;
import io.edakit.workflow.engine.Command;
import io.edakit.workflow.engine.Interpreter;
import io.edakit.workflow.engine.TaskInvoker.TaskResult;
import io.edakit.workflow.graph.Diagram.Box;
import io.edakit.workflow.graph.Diagram.Line;
import io.edakit.workflow.path.JsonPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The drawing of a definition (every state a box, no two boxes of one container overlapping,
 * lines from box to box, valid SVG whatever the names) and the path of real executions on the
 * durable runner (H2): one that succeeded, one that failed at a Fail state, one waiting in a
 * Parallel branch and a Map iteration, and one that looped.
 */
class WorkflowDiagramTest {

    static final String ORDER = """
            {"StartAt": "Check <stock> & \\"more\\"", "States": {
              "Check <stock> & \\"more\\"": {"Type": "Task", "Resource": "inventory", "ResultPath": "$.stock", "Next": "In stock?"},
              "In stock?": {"Type": "Choice", "Choices": [
                 {"Variable": "$.stock.available", "BooleanEquals": true, "Next": "Pay"}], "Default": "Out of stock"},
              "Out of stock": {"Type": "Fail", "Error": "Order.OutOfStock"},
              "Pay": {"Type": "Task", "Resource": "payment", "ResultPath": "$.payment",
                      "Catch": [{"ErrorEquals": ["Payment.Declined"], "Next": "Out of stock"}], "Next": "Fan out"},
              "Fan out": {"Type": "Parallel", "Next": "Again?", "ResultPath": "$.fan", "Branches": [
                 {"StartAt": "Ship", "States": {"Ship": {"Type": "Task", "Resource": "shipping", "End": true}}},
                 {"StartAt": "Each line", "States": {"Each line": {"Type": "Map", "ItemsPath": "$.lines", "End": true,
                    "ItemProcessor": {"StartAt": "Pick", "States": {
                      "Pick": {"Type": "Task", "Resource": "picking", "End": true}}}}}}]},
              "Again?": {"Type": "Choice", "Choices": [
                 {"Variable": "$.again", "BooleanEquals": true, "Next": "Unset"}], "Default": "Done"},
              "Unset": {"Type": "Pass", "Result": false, "ResultPath": "$.again", "Next": "Pay"},
              "Done": {"Type": "Succeed"}}}
            """;

    private final Map<String, Function<Command.InvokeTask, CompletableFuture<TaskResult>>> answers = new ConcurrentHashMap<>();
    private final StateMachine machine = AslParser.parse("order.asl.json", ORDER);
    private WorkflowStore store;
    private WorkflowRunner runner;

    @BeforeEach
    void open() {
        store = WorkflowStore.open("jdbc:h2:mem:diagram-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
        answers.put("inventory", call -> ok(call.input().path("stock").isMissingNode() ? "{\"available\": true}"
                : call.input().get("stock").toString()));
        answers.put("payment", call -> ok("{\"paid\": 1}"));
        answers.put("shipping", call -> ok("{}"));
        answers.put("picking", call -> ok("{}"));
        runner = new WorkflowRunner(store, call -> answers.get(call.resource()).apply(call), WorkflowRunner.instanceName("test"),
                Duration.ofSeconds(5), 4, Duration.ofMillis(100), Clock.systemUTC());
        runner.register("order", new Interpreter(machine), record -> { });
    }

    @AfterEach
    void close() {
        runner.close();
        store.close();
    }

    private static CompletableFuture<TaskResult> ok(String json) {
        try {
            return CompletableFuture.completedFuture(TaskResult.success(JsonPaths.MAPPER.readTree(json)));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private WorkflowRecord run(String id, String input, WorkflowStatus until) throws Exception {
        runner.start("order", id, JsonPaths.MAPPER.readTree(input));
        await().atMost(Duration.ofSeconds(20)).until(() -> store.find(id).map(r -> r.status() == until).orElse(false));
        return store.find(id).orElseThrow();
    }

    @Test
    void everyStateIsABoxAndNoTwoBoxesOfOneContainerOverlap() throws Exception {
        Diagram diagram = DiagramLayout.layout(machine);

        assertThat(diagram.boxes()).extracting(Box::key).containsExactlyInAnyOrder(Diagram.START, Diagram.END, Diagram.FAILED,
                "Check <stock> & \"more\"", "In stock?", "Out of stock", "Pay", "Fan out", "Fan out[0]", "Fan out[0]/Ship",
                "Fan out[1]", "Fan out[1]/Each line", "Fan out[1]/Each line[*]", "Fan out[1]/Each line[*]/Pick", "Again?",
                "Unset", "Done");
        for (Box a : diagram.boxes()) {
            assertThat(a.x()).isGreaterThanOrEqualTo(0);
            assertThat(a.x() + a.width()).isLessThanOrEqualTo(diagram.width() + 0.01);
            assertThat(a.y() + a.height()).isLessThanOrEqualTo(diagram.height() + 0.01);
            for (Box b : diagram.boxes()) {
                if (a != b && !inside(a, b) && !inside(b, a)) {
                    assertThat(overlap(a, b)).as(a.key() + " and " + b.key()).isFalse();
                }
            }
        }
        // each line leaves its box and arrives at its target, a back edge (Unset -> Pay) as well
        Map<String, Box> byKey = new java.util.HashMap<>();
        diagram.boxes().forEach(box -> byKey.put(box.key(), box));
        assertThat(diagram.lines()).extracting(l -> l.from() + " -> " + l.to()).contains("(start) -> Check <stock> & \"more\"",
                "Pay -> Out of stock", "Unset -> Pay", "Done -> (end)", "Out of stock -> (failed)",
                "Again? -> Done");
        for (Line line : diagram.lines()) {
            assertThat(touches(byKey.get(line.from()), line.points().get(0))).as(line.toString()).isTrue();
            assertThat(touches(byKey.get(line.to()), line.points().get(line.points().size() - 1))).as(line.toString()).isTrue();
        }
        assertThat(diagram.lines()).filteredOn(Line::caught).extracting(Line::label).containsExactly("Payment.Declined");

        Document svg = parse(SvgDiagram.render(diagram, Optional.empty(), true));
        assertThat(svg.getDocumentElement().getAttribute("class")).isEqualTo("workflow-graph");
        assertThat(node(svg, "Check <stock> & \"more\"").getTextContent()).contains("Check <stock> & \"more\"");
    }

    @Test
    void theSucceededPathRunsFromTheStartToTheEndThroughBothBranches() throws Exception {
        WorkflowRecord done = run("o-1", "{\"again\": false, \"lines\": [1, 2, 3]}", WorkflowStatus.SUCCEEDED);

        ExecutionPath path = ExecutionPath.of(machine, done, store);

        assertThat(path.visited()).containsEntry("Fan out[1]/Each line[*]/Pick", 3).containsEntry("Fan out[0]/Ship", 1)
                .containsKeys("Pay", "Done", Diagram.END).doesNotContainKey("Out of stock");
        assertThat(path.transitions()).contains(ExecutionPath.transition(Diagram.START, "Check <stock> & \"more\""),
                ExecutionPath.transition("In stock?", "Pay"), ExecutionPath.transition("Done", Diagram.END));
        assertThat(path.current()).isEmpty();
        assertThat(path.failed()).isEmpty();
        Document svg = parse(SvgDiagram.render(DiagramLayout.layout(machine), Optional.of(path), false));
        assertThat(node(svg, "Pay").getAttribute("class")).contains("visited");
        assertThat(node(svg, "Out of stock").getAttribute("class")).doesNotContain("visited");
        assertThat(edge(svg, "In stock?", "Pay").getAttribute("class")).contains("taken");
        assertThat(edge(svg, "In stock?", "Out of stock").getAttribute("class")).doesNotContain("taken");
    }

    @Test
    void aFailedExecutionEndsAtItsFailStateAndALoopCountsItsVisits() throws Exception {
        answers.put("inventory", call -> ok("{\"available\": false}"));
        ExecutionPath failed = ExecutionPath.of(machine, run("o-2", "{}", WorkflowStatus.FAILED), store);

        assertThat(failed.failed()).containsExactly("Out of stock");
        assertThat(failed.transitions()).contains(ExecutionPath.transition("In stock?", "Out of stock"),
                ExecutionPath.transition("Out of stock", Diagram.FAILED));

        answers.put("inventory", call -> ok("{\"available\": true}"));
        ExecutionPath looped = ExecutionPath.of(machine, run("o-3", "{\"again\": true, \"lines\": []}",
                WorkflowStatus.SUCCEEDED), store);
        assertThat(looped.visited()).containsEntry("Pay", 2).containsEntry("Unset", 1).containsEntry("Again?", 2);
        assertThat(looped.transitions()).contains(ExecutionPath.transition("Unset", "Pay"));
    }

    @Test
    void aRunningExecutionIsWhereItWaitsInEachBranch() throws Exception {
        CompletableFuture<TaskResult> never = new CompletableFuture<>();
        answers.put("shipping", call -> never);
        answers.put("picking", call -> never);
        WorkflowRecord running = run("o-4", "{\"lines\": [1]}", WorkflowStatus.RUNNING);
        await().atMost(Duration.ofSeconds(20)).until(() -> ExecutionPath.of(machine, running, store).current().size() >= 2);

        ExecutionPath path = ExecutionPath.of(machine, running, store);

        assertThat(path.current()).contains("Fan out[0]/Ship", "Fan out[1]/Each line[*]/Pick");
        assertThat(path.visited()).doesNotContainKey(Diagram.END);
    }

    private static boolean inside(Box inner, Box outer) {
        return inner.x() >= outer.x() && inner.y() >= outer.y() && inner.x() + inner.width() <= outer.x() + outer.width()
                && inner.y() + inner.height() <= outer.y() + outer.height();
    }

    private static boolean overlap(Box a, Box b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
    }

    private static boolean touches(Box box, Diagram.Point p) {
        double e = 0.5;
        return p.x() >= box.x() - e && p.x() <= box.x() + box.width() + e && p.y() >= box.y() - e
                && p.y() <= box.y() + box.height() + e;
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static Element node(Document svg, String key) {
        return find(svg, "g", "data-state", key, null);
    }

    private static Element edge(Document svg, String from, String to) {
        return find(svg, "g", "data-from", from, to);
    }

    private static Element find(Document svg, String tag, String attribute, String value, String to) {
        NodeList all = svg.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (value.equals(element.getAttribute(attribute)) && (to == null || to.equals(element.getAttribute("data-to")))) {
                return element;
            }
        }
        throw new AssertionError("no " + tag + " with " + attribute + "=" + value + " in the drawing");
    }
}
