package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.TestApp;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The console's login over HTTPS (a keystore made by the JDK's keytool, Camel Main's global SSL
 * settings), as the JDK's HTTP client meets it: the session cookie's attributes, the CSRF token a
 * change needs besides the cookie, the end of a session, and the page's own headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ConsoleSessionTest {

    private static final String PASSWORD = "keystore-secret";

    private TestApp app;
    private HttpClient https;
    private String base;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("edakit-console-tls-");
        Path keystore = dir.resolve("console.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "edakit", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD).inheritIO().start();
        assertThat(keytool.waitFor()).isZero();

        Map<String, String> config = new LinkedHashMap<>(new ArtemisFixture().appSettings(dir.resolve("artemis")));
        config.put("edakit.saga.jdbc-url", "jdbc:h2:file:" + dir.resolve("saga").toAbsolutePath() + ";AUTO_SERVER=TRUE");
        config.put("edakit.tasks.dir", dir.resolve("tasks").toString());
        config.put("edakit.http.session-ttl", "3s");
        config.put("camel.ssl.enabled", "true");
        config.put("camel.ssl.key-store", "file:" + keystore);
        config.put("camel.ssl.keystore-password", PASSWORD);
        config.put("camel.server.use-global-ssl-context-parameters", "true");
        TestApp.instance(config, "orders", "point-to-point", Map.of("channel", "k.orders", "handler", "log:orders"));
        app = TestApp.start(dir, "tls", config);
        base = app.baseUrl().replace("http://", "https://");

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLoginGivesASecureStrictCookieAndChangesNeedItsCsrfToken() throws Exception {
        assertThat(send("POST", "/edakit/console/login", Map.of()).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/edakit/console/login", Map.of("Authorization", "Bearer not-the-token-at-all"))
                .statusCode()).isEqualTo(401);

        HttpResponse<String> login = send("POST", "/edakit/console/login", Map.of("Authorization", "Bearer " + app.operatorToken()));
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("edakit_session=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Secure").contains("Max-Age=3").contains("Path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = ((JsonObject) Jsoner.deserialize(login.body())).getString("csrf");
        assertThat(csrf).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(cookie.substring(cookie.indexOf('=') + 1));

        String dryRun = "/edakit/dlq/k.orders.dlq/redrive?dryRun=true";
        assertThat(send("POST", dryRun, Map.of("Cookie", cookie)).statusCode()).as("cookie alone").isEqualTo(401);
        assertThat(send("POST", dryRun, Map.of("Cookie", cookie, "X-CSRF-Token", csrf + "x")).statusCode()).isEqualTo(401);
        assertThat(send("POST", dryRun, Map.of("Cookie", cookie, "X-CSRF-Token", csrf)).statusCode()).isEqualTo(200);
        // the https origin is this server's own; the http one of the same host is another
        assertThat(send("POST", dryRun, Map.of("Cookie", cookie, "X-CSRF-Token", csrf,
                "Origin", base)).statusCode()).isEqualTo(200);
        assertThat(send("POST", dryRun, Map.of("Cookie", cookie, "X-CSRF-Token", csrf,
                "Origin", app.baseUrl())).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/edakit/console/session", Map.of("Cookie", cookie)).body()).contains(csrf);

        // the session ends 3 s after the login, used or not
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() ->
                send("POST", dryRun, Map.of("Cookie", cookie, "X-CSRF-Token", csrf)).statusCode() == 401);
        assertThat(send("GET", "/edakit/console/session", Map.of("Cookie", cookie)).body()).contains("\"loggedIn\":false");
    }

    @Test
    void aLogoutEndsTheSession() throws Exception {
        HttpResponse<String> login = send("POST", "/edakit/console/login", Map.of("Authorization", "Bearer " + app.operatorToken()));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = ((JsonObject) Jsoner.deserialize(login.body())).getString("csrf");
        HttpResponse<String> logout = send("POST", "/edakit/console/logout", Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(send("POST", "/edakit/console/logout", Map.of("Cookie", cookie, "X-CSRF-Token", csrf)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void thePageComesFromTheJarWithAPolicyThatAllowsNothingFromElsewhere() throws Exception {
        HttpResponse<String> page = send("GET", "/console/", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"console.js\"").doesNotContain("http://").doesNotContain("https://");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'")
                .contains("frame-ancestors 'none'");
        assertThat(send("GET", "/console/console.js", Map.of()).headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/javascript");
        assertThat(send("GET", "/console", Map.of()).headers().firstValue("Location")).hasValue("/console/");
        assertThat(send("GET", "/console/../edakit-demo.properties", Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/console/nothing.html", Map.of()).statusCode()).isEqualTo(404);
    }
}
