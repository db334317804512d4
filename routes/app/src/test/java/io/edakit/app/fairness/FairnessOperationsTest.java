package io.edakit.app.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
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

/** The fairness operations of a running application: raw HTTP in, the HTTP API and the CLI out. */
class FairnessOperationsTest {

    @TempDir
    Path dir;

    @Test
    void tenantsAreListedOverHttpAndTheCliAndAWeightChangesAtRunTime() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edakit.broker.port", String.valueOf(FreePorts.next()));
        config.put("edakit.broker.data-dir", dir.resolve("data/artemis").toString());
        TestApp.instance(config, "order-http", "ingress", Map.of("from", "platform-http:/orders?httpMethodRestrict=POST",
                "channel", "orders", "type", "order.created"));
        TestApp.instance(config, "orders", "point-to-point", Map.of("channel", "orders", "handler", "log:orders?level=OFF",
                "fairness-key", "${header.ce_tenant}", "fairness-weights", "gold=3"));
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
            HttpResponse<String> bad = HttpCalls.operator("POST",
                    app.baseUrl() + "/edakit/fairness/orders/weights?tenant=free&weight=-1", app.operatorToken());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(HttpCalls.operator("GET", app.baseUrl() + "/edakit/fairness/nope", app.operatorToken())
                    .statusCode()).isEqualTo(404);

            Cli.Outcome show = Cli.run("fairness", "show", "orders", "--url", app.baseUrl());
            assertThat(show.exitCode()).as(show.err()).isZero();
            assertThat(show.out()).contains("orders  lanes=16").containsPattern("gold\\s+0\\s+0\\s+3")
                    .containsPattern("free\\s+0\\s+0\\s+2\\s+\\S+\\s+2\\.0");
        }
    }
}
