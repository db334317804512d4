package io.edakit.routes.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.edakit.app.EdakitRunner;
import io.edakit.app.config.ConfigProblem;
import io.edakit.app.config.LoadedConfig;
import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.Cli;
import io.edakit.testing.RawHttp;
import io.edakit.testing.TestApp;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Upcasters declared in the configuration as JSONata, without code: events of three revisions of
 * one type appended over raw HTTP are folded in their latest shape by the template's snapshots, by
 * the operator HTTP state API and by {@code es state}, given the same declarations; a declaration
 * that cannot work is refused by the configuration check with its file, key and what was expected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EventStoreJsonataUpcastersTest {

    /** revision 1 {"cents": n}, revision 2 {"total": n}, revision 3 {"total": n, "currency": c} */
    private static final String UPCASTERS = "order.placed@1={\"total\": cents / 100}; "
            + "order.placed@2=$merge([$, {\"currency\": \"EUR\"}])";
    private static final String FOLD = "{\"total\": ($state.total ? $state.total : 0) + total, \"currency\": currency}";
    private static final String KEY = "camel.route-template[totals-store].upcasters";

    private final ArtemisFixture transport = new ArtemisFixture();
    private TestApp app;
    private int port;
    private Path workDir;
    private Map<String, String> config;

    @BeforeAll
    void start() throws Exception {
        workDir = Files.createTempDirectory("edakit-es-jsonata-upcasters-");
        config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        config.put("edakit.event-store.jdbc-url", "jdbc:h2:file:" + workDir.resolve("events").toAbsolutePath()
                + ";AUTO_SERVER=TRUE");
        TestApp.instance(config, "totals-store", "event-store", Map.of("store", "totals",
                "from", "platform-http:/totals/events", "snapshot-every", "2", "fold", FOLD, "upcasters", UPCASTERS));
        app = TestApp.start(workDir, "es-jsonata-upcasters-app", config);
        port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void oldRevisionsAppendedOverHttpAreReadUpcastByTheStateApiAndTheCli() {
        String order = "order-" + UUID.randomUUID().toString().substring(0, 8);
        post(order, 1, "{\"cents\":1250}");
        post(order, 2, "{\"total\":3}");
        post(order, 3, "{\"total\":5,\"currency\":\"EUR\"}");
        post(order, 1, "{\"cents\":250}");
        String query = "fold=" + encoded(FOLD) + "&upcasters=" + encoded(UPCASTERS);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> snapshotVersion(state(order, query)) == 4);

        JsonObject state = state(order, query);
        JsonObject totals = new JsonObject(state.getMap("state"));
        assertThat(((Number) totals.get("total")).doubleValue()).isEqualTo(12.5 + 3 + 5 + 2.5);
        assertThat(totals.getString("currency")).isEqualTo("EUR");
        assertThat(state.getLong("version")).isEqualTo(4);
        // without the upcasters the last event (revision 1) has no total nor currency, which the
        // fold then leaves out: another state, and none of the template's snapshots
        JsonObject unconverted = state(order, "fold=" + encoded(FOLD));
        assertThat(new JsonObject(unconverted.getMap("state"))).doesNotContainKeys("total", "currency");
        assertThat(snapshotVersion(unconverted)).isZero();

        Cli.Outcome cli = Cli.run("es", "state", order, "--fold", FOLD, "--upcasters", UPCASTERS, "--explain",
                "-c", app.configFile().toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("\"EUR\"").contains("snapshot at version 4");
        Cli.Outcome beans = Cli.run("es", "state", order, "--upcasters", "#orderUpcasters", "-c",
                app.configFile().toString());
        assertThat(beans.exitCode()).isEqualTo(1);
        assertThat(beans.err()).contains("--upcasters #orderUpcasters: a bean exists in a running instance only");
    }

    @Test
    void aBadExpressionAGapOrADuplicateIsRefusedWithTheFileTheKeyAndWhatWasExpected() throws Exception {
        assertThat(problem("order.placed@1={\"total\": cents /}"))
                .contains("upcaster order.placed@1: JSONata '{\"total\": cents /}' does not parse");
        assertThat(problem("order.placed@1=$; order.placed@3=$"))
                .contains("no upcaster for order.placed revision 2 (there are for revisions [1, 3]); expected one "
                        + "for every revision from 1 to 3");
        assertThat(problem("order.placed@1=$, order.placed@1=$"))
                .contains("two upcasters for order.placed revision 1");
        assertThat(problem("order.placed=$"))
                .contains("'order.placed=$': expected TYPE@REVISION=JSONata");
    }

    /** The one problem the configuration check finds with {@code upcasters}, as it prints it. */
    private String problem(String upcasters) throws Exception {
        Map<String, String> bad = new LinkedHashMap<>(config);
        bad.put(KEY, upcasters);
        Path file = TestApp.writeProperties(workDir.resolve("bad-" + UUID.randomUUID() + ".properties"), bad);
        List<ConfigProblem> problems = EdakitRunner.validate(LoadedConfig.fromFiles(List.of(file)));
        assertThat(problems).as(upcasters).hasSize(1);
        assertThat(problems.get(0).key()).isEqualTo(KEY);
        assertThat(problems.get(0).file()).contains(file.getFileName().toString());
        return problems.get(0).toString();
    }

    private void post(String subject, int revision, String data) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", UUID.randomUUID().toString());
        headers.put("ce-source", "/shop");
        headers.put("ce-type", "order.placed");
        headers.put("ce-subject", subject);
        headers.put("ce-revision", String.valueOf(revision));
        RawHttp.Response response = RawHttp.send(null, port, "POST", "/totals/events", headers, data);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private JsonObject state(String stream, String query) {
        RawHttp.Response response = RawHttp.send(null, port, "GET", "/edakit/event-store/streams/" + stream
                + "/state?explain=true&" + query, auth(), null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (JsonObject) Jsoner.deserialize(response.body(), new JsonObject());
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + app.operatorToken());
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static long snapshotVersion(JsonObject state) {
        return state.get("snapshot") == null ? 0 : new JsonObject(state.getMap("snapshot")).getLong("version");
    }
}
