package io.edakit.app.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.edakit.testing.Cli;
import io.edakit.testing.FreePorts;
import io.edakit.testing.HttpCalls;
import io.edakit.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fairness operations of a running application: raw HTTP in, the HTTP API and the CLI out; a
 * weight changed at run time is written to the weights file and is there after a restart.
 */
class FairnessOperationsTest {

    @TempDir
    Path dir;

    @Test
    void tenantsAreListedAndAWeightChangedAtRunTimeIsKeptAcrossARestart() throws Exception {
        Path weights = dir.resolve("weights.properties");
        Files.writeString(weights, "# gold pays for more\ngold=3\n");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.broker.port", String.valueOf(FreePorts.next()));
        config.put("edakit.broker.data-dir", dir.resolve("data/artemis").toString());
        TestApp.instance(config, "order-http", "ingress", Map.of("from", "platform-http:/orders?httpMethodRestrict=POST",
                "channel", "orders", "type", "order.created"));
        TestApp.instance(config, "orders", "point-to-point", Map.of("channel", "orders", "handler", "log:orders?level=OFF",
                "fairness-key", "${header.ce_tenant}", "fairness-weights", "file:" + weights));
        TestApp.instance(config, "invoices", "point-to-point", Map.of("channel", "invoices", "handler",
                "log:invoices?level=OFF", "fairness-key", "${header.ce_tenant}", "fairness-weights", "gold=2"));
        Path tokenFile = dir.resolve("fair.http-token");
        try (TestApp app = TestApp.start(dir, "fair", config)) {
            for (int i = 0; i < 5; i++) {
                HttpCalls.post(app.baseUrl() + "/orders", "{\"n\":" + i + "}", Map.of("ce-tenant", i < 3 ? "gold" : "free"));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> list = HttpCalls.operator("GET", app.baseUrl() + "/edakit/fairness", app.operatorToken());
                return list.statusCode() == 200 && list.body().contains("\"tenant\":\"gold\"")
                        && list.body().contains("\"handled\":3") && list.body().contains("\"handled\":2");
            });
            HttpResponse<String> unauthenticated = HttpCalls.operator("POST",
                    app.baseUrl() + "/edakit/fairness/orders/weights?tenant=free&weight=2", "wrong-token");
            assertThat(unauthenticated.statusCode()).isEqualTo(401);
            HttpResponse<String> changed = HttpCalls.operator("POST",
                    app.baseUrl() + "/edakit/fairness/orders/weights?tenant=free&weight=2", app.operatorToken());
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(changed.body()).contains("\"tenant\":\"free\"").contains("\"weight\":2.0");
            assertThat(Files.readString(weights)).isEqualTo("# gold pays for more\ngold=3\nfree=2\n");
            HttpResponse<String> bad = HttpCalls.operator("POST",
                    app.baseUrl() + "/edakit/fairness/orders/weights?tenant=free&weight=-1", app.operatorToken());
            assertThat(bad.statusCode()).isEqualTo(400);
            HttpResponse<String> inline = HttpCalls.operator("POST",
                    app.baseUrl() + "/edakit/fairness/invoices/weights?tenant=gold&weight=5", app.operatorToken());
            assertThat(inline.statusCode()).isEqualTo(409);
            assertThat(inline.body()).contains("file:<path>");
            assertThat(HttpCalls.operator("GET", app.baseUrl() + "/edakit/fairness/nope", app.operatorToken())
                    .statusCode()).isEqualTo(404);

            Cli.Outcome refused = Cli.run("fairness", "weight", "orders", "gold", "4", "--url", app.baseUrl());
            assertThat(refused.exitCode()).isNotZero();
            Cli.Outcome weight = Cli.run("fairness", "weight", "orders", "gold", "4", "--url", app.baseUrl(),
                    "--token-file", tokenFile.toString());
            assertThat(weight.exitCode()).as(weight.err()).isZero();
            assertThat(Files.readString(weights)).isEqualTo("# gold pays for more\ngold=4\nfree=2\n");
            Cli.Outcome show = Cli.run("fairness", "show", "orders", "--url", app.baseUrl(), "--token-file",
                    tokenFile.toString());
            assertThat(show.exitCode()).as(show.err()).isZero();
            assertThat(show.out()).contains("orders  lanes=16").containsPattern("gold\\s+0\\s+0\\s+3\\s+\\S+\\s+4\\.0")
                    .containsPattern("free\\s+0\\s+0\\s+2\\s+\\S+\\s+2\\.0");
        }
        try (TestApp again = TestApp.start(dir, "fair", config)) {
            HttpResponse<String> after = HttpCalls.operator("GET", again.baseUrl() + "/edakit/fairness/orders",
                    again.operatorToken());
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.body()).contains("\"gold\":4.0").contains("\"free\":2.0");
        }
    }
}
