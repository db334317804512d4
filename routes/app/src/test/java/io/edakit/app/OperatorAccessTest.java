package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.testing.FreePorts;
import io.edakit.testing.RawHttp;
import io.edakit.testing.RawHttp.Response;
import io.edakit.testing.TestApp;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The operator API as outside HTTP clients meet it: requests written by hand on a socket, as curl,
 * a browser's cross-origin form or another host would send them, against an application that was
 * given no credentials (so it generated its operator token).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class OperatorAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLQ = "/edakit/dlq/sec.orders.dlq";
    private static final int DEAD_LETTERS = 6;

    private Path dir;
    private TestApp app;
    private int port;
    private String token;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("edakit-access-");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.broker.port", String.valueOf(FreePorts.next()));
        config.put("edakit.broker.data-dir", dir.resolve("data/artemis").toString());
        config.put("edakit.saga.jdbc-url", "jdbc:h2:file:" + dir.resolve("data/saga").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        config.put("camel.route-template[in].template-id", "ingress");
        config.put("camel.route-template[in].from", "platform-http:/sec/in");
        config.put("camel.route-template[in].channel", "sec.orders");
        config.put("camel.route-template[orders].template-id", "point-to-point");
        config.put("camel.route-template[orders].channel", "sec.orders");
        config.put("camel.route-template[orders].handler", "direct:broken");
        config.put("camel.route-template[orders].max-redeliveries", "0");
        app = TestApp.start(dir, "secure", config, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:broken").throwException(new IllegalStateException("downstream is down"));
            }
        });
        port = Integer.parseInt(app.baseUrl().substring(app.baseUrl().lastIndexOf(':') + 1));
        token = app.operatorToken();
        for (int i = 0; i < DEAD_LETTERS; i++) {
            // the application's own entry: no operator token needed
            assertThat(RawHttp.send(null, port, "POST", "/sec/in", Map.of("Content-Type", "text/plain"), "o-" + i)
                    .status()).isEqualTo(202);
        }
        await().atMost(WAIT).until(() -> get(DLQ, Map.of()).body().split("\"edakit_failure_exception\"").length
                == DEAD_LETTERS + 1);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theGeneratedTokenIsLongRandomAndReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("secure.http-token");
        assertThat(Files.readString(file).trim()).isEqualTo(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void aRedriveNeedsTheRightTokenFromLoopbackToo() {
        Response none = post(DLQ + "/redrive?dryRun=true", Map.of());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("www-authenticate")).isEqualTo("Bearer realm=\"edakit\"");
        assertThat(none.body()).contains("\"error\":\"unauthorized\"").contains("Authorization: Bearer");

        Response wrong = post(DLQ + "/redrive?dryRun=true", Map.of("Authorization", "Bearer " + token.substring(1) + "x"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("not the right one").doesNotContain(token);
        assertThat(post(DLQ + "/redrive?dryRun=true", Map.of("Authorization", "Basic " + token)).status()).isEqualTo(401);

        // header order and case as other clients send them
        Map<String, String> curlLike = new LinkedHashMap<>();
        curlLike.put("User-Agent", "curl/8.5.0");
        curlLike.put("accept", "*/*");
        curlLike.put("authorization", "bearer " + token);
        Response right = post(DLQ + "/redrive?dryRun=true", curlLike);
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body()).contains("\"moved\":" + DEAD_LETTERS).contains("\"dryRun\":true");
    }

    @Test
    void aCrossOriginFormPostIsRefusedWithOrWithoutTheToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Origin", "http://evil.example");
        form.put("Content-Type", "application/x-www-form-urlencoded");
        Response anonymous = RawHttp.send(null, port, "POST", DLQ + "/redrive", form, "to=elsewhere");
        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(anonymous.body()).contains("cross-origin").contains("evil.example");

        form.put("Authorization", "Bearer " + token);
        assertThat(RawHttp.send(null, port, "POST", DLQ + "/redrive", form, "to=elsewhere").status()).isEqualTo(403);
        // what a fetch() from another site says about itself, even without an Origin
        assertThat(post(DLQ + "/redrive", Map.of("Sec-Fetch-Site", "cross-site", "Authorization", "Bearer " + token))
                .status()).isEqualTo(403);
        assertThat(post(DLQ + "/redrive", Map.of("Sec-Fetch-Site", "same-site", "Authorization", "Bearer " + token))
                .status()).as("another port of localhost is another origin").isEqualTo(403);
        assertThat(RawHttp.send(null, port, "DELETE", DLQ + "?confirm=true", Map.of("Origin", "null",
                "Authorization", "Bearer " + token), null).status()).isEqualTo(403);
        assertThat(get(DLQ, Map.of("Origin", "http://evil.example")).status()).isEqualTo(403);

        // the same request from this server's own origin passes; a form body type still does not
        Map<String, String> sameOrigin = Map.of("Origin", "http://127.0.0.1:" + port, "Authorization", "Bearer " + token);
        assertThat(post(DLQ + "/redrive?dryRun=true", sameOrigin).status()).isEqualTo(200);
        for (String type : List.of("text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded")) {
            Response simple = RawHttp.send(null, port, "POST", DLQ + "/redrive?dryRun=true",
                    Map.of("Authorization", "Bearer " + token, "Content-Type", type), "x");
            assertThat(simple.status()).as(type).isEqualTo(415);
        }
        assertThat(RawHttp.send(null, port, "POST", DLQ + "/redrive?dryRun=true",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), "{}").status())
                .isEqualTo(200);
        assertThat(get(DLQ, Map.of()).body().split("\"edakit_failure_exception\"")).hasSize(DEAD_LETTERS + 1);
    }

    @Test
    void purgeAndSagaRequestsNeedTheTokenToo() {
        assertThat(RawHttp.send(port, "DELETE", "/edakit/dlq/sec.none.dlq?confirm=true", Map.of()).status())
                .isEqualTo(401);
        // past the check, the broker answers
        assertThat(RawHttp.send(port, "DELETE", "/edakit/dlq/sec.none.dlq?confirm=true",
                Map.of("Authorization", "Bearer " + token)).body()).contains("no channel 'sec.none.dlq'");
        for (String action : List.of("retry", "compensate")) {
            assertThat(post("/edakit/sagas/nope/" + action, Map.of()).status()).isEqualTo(401);
            // past the check, the saga log answers (this application runs no saga)
            assertThat(post("/edakit/sagas/nope/" + action, Map.of("Authorization", "Bearer " + token)).status())
                    .isNotIn(401, 403);
        }
    }

    @Test
    void readsStayOpenOnLoopbackButNotToRebindingPagesOrProxiedCallers() {
        assertThat(get("/edakit/dlq", Map.of()).status()).isEqualTo(200);
        assertThat(get("/edakit/dlq", Map.of("Host", "localhost:" + port)).status()).isEqualTo(200);
        // a DNS rebinding page reaches 127.0.0.1 under its own name
        assertThat(get("/edakit/dlq", Map.of("Host", "evil.example:" + port)).status()).isEqualTo(401);
        // a reverse proxy on this host makes every caller look local
        assertThat(get("/edakit/dlq", Map.of("X-Forwarded-For", "203.0.113.9")).status()).isEqualTo(401);
        assertThat(get("/edakit/dlq", Map.of("Forwarded", "for=203.0.113.9", "Authorization", "Bearer " + token))
                .status()).isEqualTo(200);
        // health and metrics are for everyone
        assertThat(get("/observe/health", Map.of("X-Forwarded-For", "203.0.113.9")).status()).isEqualTo(200);
    }

    @Test
    void anotherHostNeedsTheTokenToReadAndIsNotToldWhoRunsTheProcess() {
        InetAddress elsewhere = RawHttp.nonLoopbackAddress().orElse(null);
        Assumptions.assumeTrue(elsewhere != null, "this machine has no non-loopback address to call from");

        Response local = get("/observe/info", Map.of());
        assertThat(local.status()).isEqualTo(200);
        assertThat(local.body()).contains("\"pid\":" + ProcessHandle.current().pid())
                .contains("\"user\":\"" + System.getProperty("user.name") + "\"").contains("\"dir\":");

        Response remote = RawHttp.send(elsewhere, port, "GET", "/observe/info", Map.of(), null);
        assertThat(remote.status()).isEqualTo(200);
        assertThat(remote.body()).contains("\"os\":").contains("\"camel\":").doesNotContain("\"pid\"")
                .doesNotContain("\"user\"").doesNotContain("\"dir\"").doesNotContain("\"home\"")
                .doesNotContain(System.getProperty("user.dir"));

        assertThat(RawHttp.send(elsewhere, port, "GET", "/edakit/dlq", Map.of(), null).status()).isEqualTo(401);
        assertThat(RawHttp.send(elsewhere, port, "GET", "/edakit/dlq", Map.of("Authorization", "Bearer " + token), null)
                .status()).isEqualTo(200);
        assertThat(RawHttp.send(elsewhere, port, "GET", "/observe/info", Map.of("Authorization", "Bearer " + token),
                null).body()).contains("\"pid\":");
        assertThat(RawHttp.send(elsewhere, port, "GET", "/observe/health", Map.of(), null).status()).isEqualTo(200);
    }

    /** Holds every operator route of the running application, later ones included, to the check. */
    @Test
    void everyOperatorRouteRefusesAnonymousChangesAndForeignReads() {
        List<Route> operatorRoutes = app.context().getRoutes().stream()
                .filter(route -> route.getEndpoint() instanceof PlatformHttpEndpoint http && http.getPath().startsWith("/edakit"))
                .toList();
        assertThat(operatorRoutes).hasSizeGreaterThanOrEqualTo(7);
        for (Route route : operatorRoutes) {
            PlatformHttpEndpoint endpoint = (PlatformHttpEndpoint) route.getEndpoint();
            String path = endpoint.getPath().replaceAll("\\{[^}]+}", "x");
            for (String method : endpoint.getHttpMethodRestrict().split(",")) {
                Map<String, String> headers = method.equals("GET") ? Map.of("Host", "evil.example") : Map.of();
                assertThat(RawHttp.send(port, method, path, headers).status())
                        .as(method + " " + endpoint.getPath() + " (route " + route.getRouteId() + ")").isEqualTo(401);
            }
        }
    }

    private Response get(String path, Map<String, String> headers) {
        return RawHttp.send(port, "GET", path, headers);
    }

    private Response post(String path, Map<String, String> headers) {
        return RawHttp.send(null, port, "POST", path, headers, null);
    }
}
