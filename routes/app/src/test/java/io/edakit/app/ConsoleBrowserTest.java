package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.app.workflow.WorkflowFixture;
import io.edakit.envelope.Envelope;
import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.ChannelClient;
import io.edakit.testing.HeadlessChromium;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console in a real headless Chromium against a running application on Artemis: the overview,
 * a login, a redrive started from the page and a parked saga retried from it, each checked on the
 * broker by an outside client; a failed workflow execution drawn with its path and history, a
 * waiting one stopped from the page, the failed one redriven from it (its drawing fetched once and
 * recoloured on refresh); an event stream's state at a past time and at a version; a tenant's
 * weight changed from the page; a replay cancelled and a projection reset from the replays page
 * (each change checked over raw HTTP or on the broker). One browser session
 * for all pages. Skipped (saying so) where Chromium is not installed; required in CI.
 * With {@code -Dedakit.console.screenshot=../docs/console.png} it also lets traffic flow for a
 * minute and writes the README's screenshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class ConsoleBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int DEAD_LETTERS = 5;
    private static final int ARCHIVED = 10;

    private final ArtemisFixture transport = new ArtemisFixture();
    private volatile boolean handlerBroken = true;
    private volatile boolean releaseBroken = true;
    private final java.util.concurrent.atomic.AtomicInteger projected = new java.util.concurrent.atomic.AtomicInteger();
    private ChromeDriver browser;
    private TestApp app;
    private ChannelClient client;

    @BeforeAll
    void start() throws Exception {
        browser = HeadlessChromium.start();
        Path dir = Files.createTempDirectory("edakit-console-");
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(dir.resolve("artemis")));
        config.put("edakit.saga.jdbc-url", "jdbc:h2:file:" + dir.resolve("saga").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        config.put("edakit.tasks.dir", dir.resolve("tasks").toString());
        TestApp.instance(config, "orders", "point-to-point", Map.of("channel", "c.orders", "handler", "direct:handle",
                "max-redeliveries", "0"));
        TestApp.instance(config, "payments", "saga", Map.of("saga", "payment", "from", "channel:c.payments",
                "steps", "reserve=direct:reserve|direct:release; charge=direct:charge|direct:refund",
                "step-retries", "0", "compensation-attempts", "2", "compensation-initial-delay", "10ms",
                "outcome-channel", "c.outcomes"));
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                rules:
                  - name: placed-orders
                    pattern: { type: [order.placed] }
                    targets: [c.audit]
                unmatched: drop
                """);
        TestApp.instance(config, "bus", "event-bus", Map.of("channel", "c.events", "rules-file", rules.toString()));
        WorkflowFixture.config(dir, config);
        config.put("edakit.event-store.jdbc-url", "jdbc:h2:file:" + dir.resolve("events").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        TestApp.instance(config, "order-events", "event-store", Map.of("store", "orders",
                "from", "platform-http:/order-events?httpMethodRestrict=POST"));
        TestApp.instance(config, "totals", "projection", Map.of("name", "order-totals", "handler", "direct:project",
                "poll-interval", "100ms"));
        config.put("edakit.archive.jdbc-url", "jdbc:h2:file:" + dir.resolve("archive").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        TestApp.instance(config, "archive", "event-archive", Map.of("archive", "audit", "channel", "c.archived"));
        // a weights file: inline weights refuse a change made at run time (a restart would undo it)
        Path weights = Files.writeString(dir.resolve("weights.properties"), "gold=3\n");
        TestApp.instance(config, "fair", "point-to-point", Map.of("channel", "c.fair", "handler", "log:fair?level=OFF",
                "fairness-key", "${header.ce_tenant}", "fairness-weights", "file:" + weights.toAbsolutePath()));
        app = TestApp.start(dir, "console", config, WorkflowFixture.tasks(), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:handle").process(exchange -> {
                    if (handlerBroken && exchange.getIn().getBody(String.class).startsWith("bad")) {
                        throw new IllegalStateException("downstream is down");
                    }
                });
                from("direct:reserve").log("reserved ${body}");
                from("direct:charge").throwException(new IllegalStateException("card declined"));
                from("direct:refund").log("refunded ${body}");
                from("direct:project").process(exchange -> projected.incrementAndGet());
                from("direct:release").process(exchange -> {
                    if (releaseBroken) {
                        throw new IllegalStateException("warehouse unreachable");
                    }
                });
            }
        });
        client = new ChannelClient(transport.clientSettings()).listen("c.fixed", null).listen("c.outcomes", null)
                .listen("c.replayed", null).start();
        for (int i = 0; i < DEAD_LETTERS; i++) {
            send("c.orders", "bad-" + i, "bad order " + i);
            send("c.orders", "good-" + i, "good order " + i);
        }
        send("c.payments", "pay-1", "payment 1");
        for (int i = 0; i < 3; i++) {
            client.send("c.events", "event " + i, Map.of(Envelope.ID, "e-" + i, Envelope.TYPE, i < 2 ? "order.placed"
                    : "order.cancelled", Envelope.SOURCE, "/test", Envelope.SPECVERSION, "1.0"));
        }
        for (int i = 0; i < 5; i++) {
            client.send("c.fair", "fair " + i, Map.of(Envelope.ID, "f-" + i, Envelope.TYPE, "test.event", Envelope.SOURCE, "/test",
                    Envelope.SPECVERSION, "1.0", "ce_tenant", i < 3 ? "gold" : "free"));
        }
        for (int i = 0; i < ARCHIVED; i++) {
            client.send("c.archived", "archived " + i, Map.of(Envelope.ID, "a-" + i, Envelope.TYPE, "order.placed",
                    Envelope.SOURCE, "/test", Envelope.SPECVERSION, "1.0"));
        }
        WorkflowFixture.start(app, "wf-bad", "{\"order\": \"bad\"}");
        WorkflowFixture.start(app, "wf-hold", "{\"order\": \"fine\"}");
        // three events of one stream an hour apart in event time: the state at 11:30 has the first two
        String[][] events = {{"order.placed", "10:00", "{\"status\":\"placed\",\"total\":10}"},
            {"order.paid", "11:00", "{\"paid\":true}"}, {"order.shipped", "12:00", "{\"status\":\"shipped\"}"}};
        for (String[] event : events) {
            HttpResponse<String> appended = HttpCalls.post(app.baseUrl() + "/edakit/event-store/streams/order-1/events",
                    event[2], Map.of("Authorization", "Bearer " + app.operatorToken(), "ce-type", event[0],
                            "ce-time", "2026-01-01T" + event[1] + ":00Z"));
            assertThat(appended.statusCode()).as(appended.body()).isEqualTo(201);
        }
        await().atMost(WAIT).until(() -> app.messages("orders", "dead-lettered") == DEAD_LETTERS
                && outcomes("pay-1").contains("edakit.saga.needs-attention") && app.messages("fair", "completed") == 5
                && status("wf-bad").equals("failed") && projected.get() == events.length
                && HttpCalls.operator("GET", app.baseUrl() + "/edakit/archives", app.operatorToken()).body()
                        .contains("\"events\":" + ARCHIVED));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (client != null) {
            client.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private void send(String channel, String id, String body) {
        client.send(channel, body, Map.of(Envelope.ID, id, Envelope.TYPE, "test.event", Envelope.SOURCE, "/test",
                Envelope.SPECVERSION, "1.0"));
    }

    private List<String> outcomes(String sagaId) {
        return client.received("c.outcomes").stream().filter(e -> sagaId.equals(e.getIn().getHeader(Envelope.SUBJECT)))
                .map(e -> e.getIn().getHeader(Envelope.TYPE, String.class)).toList();
    }

    private String status(String execution) {
        HttpResponse<String> answer = HttpCalls.operator("GET", app.baseUrl() + "/edakit/workflows/" + execution,
                app.operatorToken());
        return answer.statusCode() == 200 ? answer.body().replaceAll(".*\"status\":\"([^\"]+)\".*", "$1") : "";
    }

    private void choose(String select, String option) {
        click(select);
        browser.findElement(By.xpath("//select[@id='" + select.substring(1) + "']/option[text()='" + option + "']")).click();
    }

    private WebElement find(String css) {
        try {
            await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(By.cssSelector(css)).isDisplayed());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + css + " on the page:\n" + browser.getPageSource(), e);
        }
        return browser.findElement(By.cssSelector(css));
    }

    /** The text of what {@code css} finds, read again if the page's refresh replaced it meanwhile. */
    private String text(String css) {
        find(css);
        return await().atMost(WAIT).ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .until(() -> browser.findElement(By.cssSelector(css)).getText(), text -> true);
    }

    /** Clicks what {@code css} finds, again if the page's refresh replaced it between finding and clicking. */
    private void click(String css) {
        find(css);
        await().atMost(WAIT).ignoreException(org.openqa.selenium.StaleElementReferenceException.class).until(() -> {
            browser.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private void awaitText(String css, String expected) {
        await().atMost(WAIT).ignoreExceptions().until(() -> text(css).equals(expected));
    }

    private void login() {
        find("#login-token").sendKeys(app.operatorToken());
        click("#login-button");
        await().atMost(WAIT).until(() -> browser.findElement(By.id("session-state")).getText().startsWith("logged in"));
    }

    @Test
    void loginThenRedriveFromThePageAndRetryAParkedSaga() throws Exception {
        browser.get(app.baseUrl() + "/console/");
        // overview: both instances with their counts, reads open on loopback without a login
        // (the readings are at most 5 s old)
        awaitText("#instances tr[data-instance='orders'] td[data-outcome='dead-lettered']", String.valueOf(DEAD_LETTERS));
        find("#instances tr[data-instance='payments']");
        // the bus's rule with its match count (the cancelled event matched no rule)
        awaitText("#rules tr[data-rule='bus / placed-orders'] td.num", "2");
        assertThat(text("#overview-dlq li[data-channel='c.orders.dlq']")).endsWith(": " + DEAD_LETTERS);
        assertThat(text("#session-state")).isEqualTo("read-only");

        login();
        Cookie session = browser.manage().getCookieNamed("edakit_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        // the session cookie alone does not make a change: the page's CSRF token has to come with it
        Object status = browser.executeAsyncScript("const done = arguments[0];"
                + "fetch('/edakit/dlq/c.orders.dlq/redrive?dryRun=true', {method: 'POST'}).then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(401);

        // dead letters: browse, then redrive all of them to c.fixed
        click("nav a[data-tab='dlq']");
        click("#dlq-channels tr[data-channel='c.orders.dlq']");
        await().atMost(WAIT).until(() -> browser.findElements(By.cssSelector("#dlq-messages .message")).size() == DEAD_LETTERS);
        assertThat(text("#dlq-messages .message[data-id='bad-0']")).contains("downstream is down")
                .contains("bad order 0");
        find("#redrive-to").sendKeys("c.fixed");
        click("#redrive-button");
        find("#task-list tr[data-state='completed']");
        assertThat(text("#task-list tr[data-state='completed'] td[data-moved]")).isEqualTo(String.valueOf(DEAD_LETTERS));
        await().atMost(WAIT).until(() -> client.received("c.fixed").size() == DEAD_LETTERS);
        assertThat(client.bodies("c.fixed")).containsExactlyInAnyOrder("bad order 0", "bad order 1", "bad order 2",
                "bad order 3", "bad order 4");

        // sagas: the parked one, its timeline, retried once the warehouse is back
        click("nav a[data-tab='sagas']");
        click("#saga-state");
        browser.findElement(By.xpath("//select[@id='saga-state']/option[text()='needs-attention']")).click();
        click("#saga-list tr[data-saga='pay-1']");
        assertThat(text("#saga-timeline")).contains("warehouse unreachable");
        releaseBroken = false;
        click("#saga-retry");
        await().atMost(WAIT).until(() -> outcomes("pay-1").contains("edakit.saga.compensated"));
        await().atMost(WAIT).until(() -> text("#saga-detail-state").equals("compensated"));

        workflows();
        eventStore();
        tenants();
        replaysAndProjections();

        screenshot();
        click("#logout-button");
        await().atMost(WAIT).until(() -> browser.manage().getCookieNamed("edakit_session") == null);
    }

    /** The failed execution's path on its graph and its history; the waiting one stopped. */
    private void workflows() {
        click("nav a[data-tab='workflows']");
        choose("#workflow-status", "failed");
        click("#workflow-list tr[data-execution='wf-bad']");
        find("#workflow-graph svg g.node.failed[data-state='Rejected']");
        assertThat(browser.findElements(By.cssSelector("#workflow-graph g.node.visited"))).extracting(e -> e.getAttribute("data-state"))
                .containsExactlyInAnyOrder("(start)", "Check", "Fine?", "Rejected", "(failed)");
        assertThat(browser.findElements(By.cssSelector("#workflow-graph g.edge.taken[data-from='Fine?'][data-to='Rejected']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#workflow-graph g.edge.taken[data-to='Hold']"))).isEmpty();
        assertThat(find("#workflow-graph svg").getSize().getHeight()).isGreaterThan(200); // drawn, not an empty box
        find("#workflow-history tr[data-event='ended']");
        assertThat(text("#workflow-history tr[data-event='task-succeeded']")).contains("\"ok\":false");
        assertThat(text("#workflow-error")).contains("Order.Rejected").contains("not fine");

        assertThat(find("#workflow-redrive").isEnabled()).isTrue();
        assertThat(find("#workflow-stop").isEnabled()).isFalse();
        // redriven from the page: it runs the failed state again (and fails again, the order is still bad)
        click("#workflow-redrive");
        await().atMost(WAIT).until(() -> redriveCount("wf-bad") == 1 && status("wf-bad").equals("failed"));
        awaitText("#workflow-redrives", "redriven 1 time(s)");
        find("#workflow-history tr[data-event='redriven']");

        choose("#workflow-status", "running");
        click("#workflow-list tr[data-execution='wf-hold']");
        find("#workflow-graph svg g.node.current[data-state='Hold']");
        assertThat(find("#workflow-redrive").isEnabled()).isFalse(); // running: nothing to redrive
        WebElement drawing = find("#workflow-graph svg");
        click("#workflow-stop");
        awaitText("#workflow-detail-status", "aborted");
        assertThat(status("wf-hold")).isEqualTo("aborted");
        // a refresh recolours the drawing the page holds instead of fetching and replacing it: colours
        // taken off by hand come back on the same element (a stopped execution stays orange where it stopped)
        browser.executeScript("document.querySelector(\"#workflow-graph g.node[data-state='Hold']\")"
                + ".classList.remove('current', 'visited');");
        find("#workflow-graph svg g.node.current.visited[data-state='Hold']");
        assertThat(drawing.getAttribute("class")).isEqualTo("workflow-graph"); // still the same element: not stale
    }

    private long redriveCount(String execution) {
        String body = HttpCalls.operator("GET", app.baseUrl() + "/edakit/workflows/" + execution, app.operatorToken()).body();
        return Long.parseLong(body.replaceAll(".*\"redriveCount\":(\\d+).*", "$1"));
    }

    /**
     * A slow replay (started over HTTP) cancelled from the page, every event it sent received on its
     * target; the projection reset from the page after a confirmation projects the stream's three
     * events again.
     */
    private void replaysAndProjections() {
        HttpResponse<String> started = HttpCalls.operator("POST", app.baseUrl()
                + "/edakit/replays?name=slow&archive=audit&target=c.replayed&rate=1", app.operatorToken());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        click("nav a[data-tab='replays']");
        find("#replay-list tr[data-replay='slow'][data-state='running']");
        await().atMost(WAIT).until(() -> Long.parseLong(text("#replay-list tr[data-replay='slow'] td[data-field='sent']")) >= 1);
        click("#replay-list tr[data-replay='slow'] button.cancel-replay");
        find("#replay-list tr[data-replay='slow'][data-state='cancelled']");
        String replay = HttpCalls.operator("GET", app.baseUrl() + "/edakit/replays/slow", app.operatorToken()).body();
        assertThat(replay).contains("\"state\":\"cancelled\"");
        long sent = Long.parseLong(replay.replaceAll(".*\"sent\":(\\d+).*", "$1"));
        assertThat(sent).isBetween(1L, ARCHIVED - 1L); // stopped before the end
        await().atMost(WAIT).until(() -> client.received("c.replayed").size() == sent);
        assertThat(client.bodies("c.replayed")).allMatch(body -> body.startsWith("archived "));

        awaitText("#projection-list tr[data-projection='order-totals'] td[data-field='position']", "3");
        assertThat(text("#projection-list tr[data-projection='order-totals'] td[data-field='lag']")).isEqualTo("0");
        click("#projection-list tr[data-projection='order-totals'] button.reset-projection");
        find("#reset-confirm");
        click("#reset-no"); // kept: nothing happens
        assertThat(browser.findElement(By.id("reset-confirm")).isDisplayed()).isFalse();
        click("#projection-list tr[data-projection='order-totals'] button.reset-projection");
        click("#reset-yes");
        await().atMost(WAIT).until(() -> projected.get() == 6); // the three events again
        assertThat(HttpCalls.operator("GET", app.baseUrl() + "/edakit/projections", app.operatorToken()).body())
                .contains("\"position\":3");
    }

    /** The stream's events, its state at 11:30 event time (two events folded), then at version 1. */
    private void eventStore() {
        click("nav a[data-tab='event-store']");
        click("#es-streams tr[data-stream='order-1']");
        find("#es-events tr[data-version='3']");
        find("#es-at").sendKeys("2026-01-01T11:30:00Z");
        choose("#es-basis", "event time");
        click("#es-state-button");
        await().atMost(WAIT).until(() -> text("#es-state-summary").startsWith("version 2:"));
        assertThat(text("#es-state-summary")).endsWith("2 event(s) folded");
        assertThat(text("#es-state-value")).contains("\"status\": \"placed\"").contains("\"paid\": true");
        click("#es-events tr[data-version='1'] button.state-here");
        await().atMost(WAIT).until(() -> text("#es-state-summary").startsWith("version 1:"));
        assertThat(text("#es-state-value")).doesNotContain("paid");
    }

    /** Both tenants with what they were handled; gold's weight set to 5 from the page. */
    private void tenants() {
        click("nav a[data-tab='tenants']");
        find("#fair-channels div[data-channel='c.fair'] tr[data-tenant='free']");
        click("#fair-channels tr[data-tenant='gold'] input.weight"); // focused: the page's refresh leaves it alone
        WebElement weight = browser.findElement(By.cssSelector("#fair-channels tr[data-tenant='gold'] input.weight"));
        assertThat(weight.getAttribute("value")).isEqualTo("3");
        weight.clear();
        weight.sendKeys("5");
        click("#fair-channels tr[data-tenant='gold'] button.set-weight");
        await().atMost(WAIT).until(() -> HttpCalls.operator("GET", app.baseUrl() + "/edakit/fairness/c.fair",
                app.operatorToken()).body().matches(".*\"tenant\":\"gold\"[^}]*\"weight\":5\\.0.*"));
    }

    /** The README's picture: the overview after a minute of traffic, when asked for. */
    private void screenshot() throws Exception {
        String target = System.getProperty("edakit.console.screenshot");
        if (target == null) {
            return;
        }
        handlerBroken = true;
        for (int second = 0; second < 70; second++) {
            for (int i = 0; i < 5 + second % 7; i++) {
                send("c.orders", "m-" + second + "-" + i, (i == 0 && second % 9 == 0 ? "bad" : "good") + " order");
            }
            Thread.sleep(1000); // traffic at a readable pace for the picture, not a wait for a result
        }
        browser.get(app.baseUrl() + "/console/#overview");
        browser.navigate().refresh();
        find("#instances tr[data-instance='orders']");
        // the picture waits until the orders row's charts are drawn, not for a fixed time
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(
                By.cssSelector("#instances tr[data-instance='orders'] svg.spark path.area")).isEmpty());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), Path.of(target), StandardCopyOption.REPLACE_EXISTING);
    }
}
