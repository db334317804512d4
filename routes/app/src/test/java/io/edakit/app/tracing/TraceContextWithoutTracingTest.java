package io.edakit.app.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.PlainClient;
import io.edakit.testing.RawHttp;
import io.edakit.testing.TestApp;
import org.junit.jupiter.api.Test;

/**
 * With tracing off (the default), an HTTP caller's W3C trace context still reaches the channel
 * unchanged, though ingress drops the other request headers: a traced application downstream
 * continues the caller's trace.
 */
class TraceContextWithoutTracingTest {

    @Test
    void ingressKeepsTheCallersTraceparentAndTracestate() throws Exception {
        Path workDir = Files.createTempDirectory("edakit-trace-off-");
        ArtemisFixture transport = new ArtemisFixture();
        Map<String, String> config = new LinkedHashMap<>(transport.appSettings(workDir.resolve("app")));
        TestApp.instance(config, "in", "ingress", Map.of("from", "platform-http:/p/orders", "channel", "p.orders"));
        try (TestApp app = TestApp.start(workDir, "trace-off-app", config)) {
            String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("traceparent", traceparent);
            headers.put("tracestate", "vendor=abc");
            headers.put("X-Other", "stays behind");
            headers.put("Content-Type", "text/plain");
            RawHttp.Response response = RawHttp.send(null, URI.create(app.baseUrl()).getPort(), "POST", "/p/orders",
                    headers, "order");
            assertThat(response.status()).as(response.body()).isEqualTo(202);
            try (PlainClient client = transport.plainClient()) {
                List<PlainClient.PlainMessage> received = client.take("p.orders", 1, Duration.ofSeconds(30));
                assertThat(received).hasSize(1);
                assertThat(received.get(0).headers()).containsEntry("traceparent", traceparent)
                        .containsEntry("tracestate", "vendor=abc").doesNotContainKey("X-Other");
            }
        }
    }
}
