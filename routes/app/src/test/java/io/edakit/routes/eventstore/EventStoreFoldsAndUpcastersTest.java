package io.edakit.routes.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.edakit.eventstore.StateReader;
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
 * The event-store template's fold and upcasters, as bean references and as JSONata declared in the
 * configuration: events appended over raw HTTP (CloudEvents in binary mode, older revisions of one
 * type) are folded by a {@code Fold} bean after a list of upcasters, by a (state, data) function
 * bean, or by a JSONata fold after a declared chain of JSONata upcasters (revision 1 -> 2 -> 3), and
 * the state read back over the operator HTTP API (and {@code es state}, for JSONata) with the same
 * values uses the template's snapshots. A reference to no bean, a JSONata upcaster that does not
 * parse, a revision left out and a duplicate are refused by the configuration check with file and
 * key, a bean of another kind at start-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EventStoreFoldsAndUpcastersTest {

    /** revision 1 {"cents": n}, revision 2 {"total": n}, revision 3 {"total": n, "currency": c} */
    private static final String UPCASTERS = "order.placed@1={\"total\": cents / 100}; "
            + "order.placed@2=$merge([$, {\"currency\": \"EUR\"}])";
    private static final String FOLD = "{\"total\": ($state.total ? $state.total : 0) + total, \"currency\": currency}";
    private static final String KEY = "camel.route-template[totals-jsonata-store].upcasters";
    private static final String JSONATA_PATH = "/totals-jsonata/events";

    private final ArtemisFixture transport = new ArtemisFixture();
    private TestApp app;
    private int port;
    private Path workDir;
    private Map<String, String> config;

    @BeforeAll
    void start() throws Exception {
        workDir = Files.createTempDirectory("edakit-es-beans-");
        config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        config.put("edakit.event-store.jdbc-url", "jdbc:h2:file:" + workDir.resolve("events").toAbsolutePath()
                + ";AUTO_SERVER=TRUE"); // es state reads it beside the instance
        config.put("camel.beans.orderTotals", "#class:" + OrderTotalsFold.class.getName());
        config.put("camel.beans.orderUpcasters", "#class:" + OrderUpcasters.class.getName());
        config.put("camel.beans.lineCounter", "#class:" + LineCounter.class.getName());
        TestApp.instance(config, "totals-store", "event-store", Map.of("store", "totals",
                "from", "platform-http:/totals/events", "snapshot-every", "2",
                "fold", "#orderTotals", "upcasters", "#orderUpcasters"));
        TestApp.instance(config, "counts-store", "event-store", Map.of("store", "counts",
                "from", "platform-http:/counts/events", "snapshot-every", "2", "fold", "#lineCounter"));
        TestApp.instance(config, "totals-jsonata-store", "event-store", Map.of("store", "totals-jsonata",
                "from", "platform-http:/totals-jsonata/events", "snapshot-every", "2", "fold", FOLD,
                "upcasters", UPCASTERS));
        app = TestApp.start(workDir, "es-beans-app", config);
        port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private int post(String path, String subject, int revision, String data) {
        return post(path, "line.added", subject, revision, data);
    }

    private int post(String path, String type, String subject, int revision, String data) {
        Map<String, String> headers = RawHttp.cloudEvent(type, subject);
        headers.put("ce-revision", String.valueOf(revision));
        RawHttp.Response response = RawHttp.send(null, port, "POST", path, headers, data);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.status();
    }

    private JsonObject state(String stream, String query) {
        RawHttp.Response response = RawHttp.send(null, port, "GET", "/edakit/event-store/streams/" + stream
                + "/state?explain=true&" + query, auth(), null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return (JsonObject) Jsoner.deserialize(response.body(), new JsonObject());
    }

    @Test
    void aFoldBeanAfterUpcastersFoldsEveryRevisionAndItsSnapshotsServeTheStateApi() throws Exception {
        String order = "order-" + UUID.randomUUID().toString().substring(0, 8);
        post("/totals/events", order, 1, "{\"cents\":1200}"); // revision 1: 12 units
        post("/totals/events", order, 2, "{\"amount\":5}");
        post("/totals/events", order, 2, "{\"amount\":7}");
        StateReader snapshots = new StateReader(EventStores.forContext(app.context()), new OrderTotalsFold(),
                ReaderBeans.upcasters("upcasters", "#orderUpcasters", app.context().getRegistry()), 0);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                snapshots.state(order, io.edakit.eventstore.StateQuery.latest()).snapshotVersion() == 2);
        snapshots.close();

        JsonObject state = state(order, "fold=%23orderTotals&upcasters=%23orderUpcasters");
        JsonObject totals = new JsonObject(state.getMap("state"));
        assertThat(totals.getInteger("lines")).isEqualTo(3);
        assertThat(totals.getInteger("total")).isEqualTo(24);
        assertThat(state.getLong("version")).isEqualTo(3);
        assertThat(snapshotVersion(state)).as("the template's snapshot, same fold and upcasters").isEqualTo(2);
        // without the upcasters the first event has no amount: another state, and no snapshot of theirs
        JsonObject unconverted = state(order, "fold=%23orderTotals");
        assertThat(new JsonObject(unconverted.getMap("state")).getInteger("total")).isEqualTo(12);
        assertThat(snapshotVersion(unconverted)).isZero();
    }

    @Test
    void aFunctionBeanFolds() {
        String order = "order-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            post("/counts/events", order, 2, "{\"amount\":1}");
        }
        JsonObject state = state(order, "fold=%23lineCounter");
        assertThat(state.getInteger("state")).isEqualTo(3);
        RawHttp.Response unknown = RawHttp.send(null, port, "GET", "/edakit/event-store/streams/" + order
                + "/state?fold=%23nothing", Map.of("Authorization", "Bearer " + app.operatorToken()), null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("no bean named 'nothing'");
    }

    @Test
    void aReferenceToNoBeanIsRefusedWithItsKeyAndOneOfAnotherKindAtStartUp() throws Exception {
        Map<String, String> missing = new LinkedHashMap<>(config);
        missing.put("camel.route-template[counts-store].upcasters", "#orderUpcasters, #nothing");
        Path file = TestApp.writeProperties(workDir.resolve("missing.properties"), missing);
        List<ConfigProblem> problems = EdakitRunner.validate(LoadedConfig.fromFiles(List.of(file)));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).key()).isEqualTo("camel.route-template[counts-store].upcasters");
        assertThat(problems.get(0).message()).contains("no bean named nothing");

        // at start-up the bean exists and is checked for its kind, before the store opens
        try (org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext()) {
            camel.getRegistry().bind("orderTotals", new OrderTotalsFold());
            camel.getRegistry().bind("orderUpcasters", new OrderUpcasters());
            assertThatThrownBy(() -> ReaderBeans.upcasters("upcasters", "#orderTotals", camel.getRegistry()))
                    .hasMessage("upcasters=#orderTotals: bean 'orderTotals' is a " + OrderTotalsFold.class.getName()
                            + "; expected " + ReaderBeans.UPCASTER_SHAPES);
            assertThatThrownBy(() -> ReaderBeans.fold("fold", "#orderUpcasters", camel.getRegistry()))
                    .hasMessageStartingWith("fold=#orderUpcasters: bean 'orderUpcasters' is a ");
            assertThatThrownBy(() -> ReaderBeans.fold("fold", "$state +", camel.getRegistry()))
                    .hasMessageStartingWith("fold: JSONata fold '$state +' does not parse");
        }
    }

    @Test
    void oldRevisionsAppendedOverHttpAreReadUpcastByTheStateApiAndTheCli() {
        String order = "order-" + UUID.randomUUID().toString().substring(0, 8);
        post(JSONATA_PATH, "order.placed", order, 1, "{\"cents\":1250}");
        post(JSONATA_PATH, "order.placed", order, 2, "{\"total\":3}");
        post(JSONATA_PATH, "order.placed", order, 3, "{\"total\":5,\"currency\":\"EUR\"}");
        post(JSONATA_PATH, "order.placed", order, 1, "{\"cents\":250}");
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
