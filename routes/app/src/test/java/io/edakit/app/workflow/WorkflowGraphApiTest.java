package io.edakit.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import io.edakit.testing.FreePorts;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code GET /edakit/workflows/{id}/graph} of a running application, over raw HTTP: an execution
 * that failed at its Fail state and one waiting in a Wait are drawn on their definition with their
 * paths (as SVG, and as data without the SVG for a caller that names the drawing it holds); the
 * console serves the drawing's style sheet; an unknown execution is a 404.
 */
class WorkflowGraphApiTest {

    @TempDir
    Path dir;

    private static JsonObject graph(TestApp app, String id) throws Exception {
        return graph(app, id, "");
    }

    private static JsonObject graph(TestApp app, String id, String query) throws Exception {
        HttpResponse<String> answer = HttpCalls.operator("GET", app.baseUrl() + "/edakit/workflows/" + id + "/graph" + query,
                app.operatorToken());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return (JsonObject) Jsoner.deserialize(answer.body());
    }

    @Test
    void anExecutionIsDrawnOnItsDefinitionWithItsPath() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.broker.port", String.valueOf(FreePorts.next()));
        config.put("edakit.broker.data-dir", dir.resolve("artemis").toString());
        try (TestApp app = TestApp.start(dir, "graph", WorkflowFixture.config(dir, config), WorkflowFixture.tasks())) {
            WorkflowFixture.start(app, "wf-bad", "{\"order\": \"bad\"}");
            WorkflowFixture.start(app, "wf-hold", "{\"order\": \"fine\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(graph(app, "wf-bad").get("status"))
                    && strings(graph(app, "wf-hold"), "current").contains("Hold"));

            JsonObject failed = graph(app, "wf-bad");
            assertThat(strings(failed, "failed")).containsExactly("Rejected");
            assertThat(((JsonObject) failed.get("visited")).keySet()).contains("(start)", "Check", "Fine?", "Rejected", "(failed)")
                    .doesNotContain("Hold");
            Document svg = svg(failed.getString("svg"));
            assertThat(xpath(svg, "//*[@data-state='Rejected']/@class")).isEqualTo("node state fail visited failed");
            assertThat(xpath(svg, "//*[@data-from='Fine?' and @data-to='Rejected']/@class")).isEqualTo("edge taken");
            assertThat(xpath(svg, "//*[@data-from='Fine?' and @data-to='Hold']/@class")).isEqualTo("edge");
            assertThat(((NodeList) XPathFactory.newInstance().newXPath().evaluate("//*[@data-state]", svg,
                    XPathConstants.NODESET)).getLength()).isEqualTo(8); // five states, the start and two ends

            JsonObject waiting = graph(app, "wf-hold");
            assertThat(waiting.get("status")).isEqualTo("running");
            assertThat(strings(waiting, "current")).containsExactly("Hold");
            assertThat(xpath(svg(waiting.getString("svg")), "//*[@data-state='Hold']/@class")).isEqualTo("node state wait visited current");

            // the page holds the drawing: asked with it, the answer has the path as data and no SVG
            String drawing = failed.getString("drawing");
            assertThat(drawing).isNotBlank().isEqualTo(waiting.getString("drawing")); // one definition, one drawing
            JsonObject known = graph(app, "wf-bad", "?known=" + drawing);
            assertThat(known).doesNotContainKey("svg");
            assertThat(known.getString("drawing")).isEqualTo(drawing);
            assertThat(strings(known, "failed")).containsExactly("Rejected");
            @SuppressWarnings("unchecked")
            java.util.List<Object> transitions = (java.util.List<Object>) known.get("transitions");
            assertThat(transitions).contains(java.util.List.of("Fine?", "Rejected")).doesNotContain(java.util.List.of("Fine?", "Hold"));
            assertThat(graph(app, "wf-bad", "?known=stale")).containsKey("svg");

            assertThat(HttpCalls.operator("GET", app.baseUrl() + "/edakit/workflows/nope/graph", app.operatorToken())
                    .statusCode()).isEqualTo(404);
            HttpResponse<String> style = HttpCalls.get(app.baseUrl() + "/console/graph.css");
            assertThat(style.statusCode()).isEqualTo(200);
            assertThat(style.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
            assertThat(style.body()).contains(".node.current");
            for (String script : new String[] {"workflows.js", "event-store.js", "tenants.js", "replays.js"}) {
                assertThat(HttpCalls.get(app.baseUrl() + "/console/" + script).statusCode()).as(script).isEqualTo(200);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<String> strings(JsonObject json, String key) {
        return (java.util.List<String>) json.get(key);
    }

    private static Document svg(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }

    private static String xpath(Document document, String expression) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, document);
    }
}
