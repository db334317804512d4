package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.envelope.Envelope;
import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.ChannelClient;
import io.edakit.testing.HeadlessChromium;
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
 * broker by an outside client. Skipped (saying so) where Chromium is not installed; required in CI.
 * With {@code -Dedakit.console.screenshot=../docs/console.png} it also lets traffic flow for a
 * minute and writes the README's screenshot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class ConsoleBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int DEAD_LETTERS = 5;

    private final ArtemisFixture transport = new ArtemisFixture();
    private volatile boolean handlerBroken = true;
    private volatile boolean releaseBroken = true;
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
        app = TestApp.start(dir, "console", config, new RouteBuilder() {
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
                from("direct:release").process(exchange -> {
                    if (releaseBroken) {
                        throw new IllegalStateException("warehouse unreachable");
                    }
                });
            }
        });
        client = new ChannelClient(transport.clientSettings()).listen("c.fixed", null).listen("c.outcomes", null).start();
        for (int i = 0; i < DEAD_LETTERS; i++) {
            send("c.orders", "bad-" + i, "bad order " + i);
            send("c.orders", "good-" + i, "good order " + i);
        }
        send("c.payments", "pay-1", "payment 1");
        for (int i = 0; i < 3; i++) {
            client.send("c.events", "event " + i, Map.of(Envelope.ID, "e-" + i, Envelope.TYPE, i < 2 ? "order.placed"
                    : "order.cancelled", Envelope.SOURCE, "/test", Envelope.SPECVERSION, "1.0"));
        }
        await().atMost(WAIT).until(() -> app.messages("orders", "dead-lettered") == DEAD_LETTERS
                && outcomes("pay-1").contains("edakit.saga.needs-attention"));
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

    private WebElement find(String css) {
        try {
            await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(By.cssSelector(css)).isDisplayed());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + css + " on the page:\n" + browser.getPageSource(), e);
        }
        return browser.findElement(By.cssSelector(css));
    }

    private void awaitText(String css, String expected) {
        await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(By.cssSelector(css)).getText().equals(expected));
    }

    private void login() {
        find("#login-token").sendKeys(app.operatorToken());
        find("#login-button").click();
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
        assertThat(find("#overview-dlq li[data-channel='c.orders.dlq']").getText()).endsWith(": " + DEAD_LETTERS);
        assertThat(find("#session-state").getText()).isEqualTo("read-only");

        login();
        Cookie session = browser.manage().getCookieNamed("edakit_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        // the session cookie alone does not make a change: the page's CSRF token has to come with it
        Object status = browser.executeAsyncScript("const done = arguments[0];"
                + "fetch('/edakit/dlq/c.orders.dlq/redrive?dryRun=true', {method: 'POST'}).then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(401);

        // dead letters: browse, then redrive all of them to c.fixed
        find("nav a[data-tab='dlq']").click();
        find("#dlq-channels tr[data-channel='c.orders.dlq']").click();
        await().atMost(WAIT).until(() -> browser.findElements(By.cssSelector("#dlq-messages .message")).size() == DEAD_LETTERS);
        assertThat(find("#dlq-messages .message[data-id='bad-0']").getText()).contains("downstream is down")
                .contains("bad order 0");
        find("#redrive-to").sendKeys("c.fixed");
        find("#redrive-button").click();
        find("#task-list tr[data-state='completed']");
        assertThat(find("#task-list tr[data-state='completed'] td[data-moved]").getText()).isEqualTo(String.valueOf(DEAD_LETTERS));
        await().atMost(WAIT).until(() -> client.received("c.fixed").size() == DEAD_LETTERS);
        assertThat(client.bodies("c.fixed")).containsExactlyInAnyOrder("bad order 0", "bad order 1", "bad order 2",
                "bad order 3", "bad order 4");

        // sagas: the parked one, its timeline, retried once the warehouse is back
        find("nav a[data-tab='sagas']").click();
        find("#saga-state").click();
        browser.findElement(By.xpath("//select[@id='saga-state']/option[text()='needs-attention']")).click();
        find("#saga-list tr[data-saga='pay-1']").click();
        assertThat(find("#saga-timeline").getText()).contains("warehouse unreachable");
        releaseBroken = false;
        find("#saga-retry").click();
        await().atMost(WAIT).until(() -> outcomes("pay-1").contains("edakit.saga.compensated"));
        await().atMost(WAIT).until(() -> find("#saga-detail-state").getText().equals("compensated"));

        screenshot();
        find("#logout-button").click();
        await().atMost(WAIT).until(() -> browser.manage().getCookieNamed("edakit_session") == null);
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
