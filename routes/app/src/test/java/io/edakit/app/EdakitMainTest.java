package io.edakit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.edakit.app.config.LoadedConfig;
import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.TestApp;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last line of defence against a half-started instance: an HTTP port taken after the start-up
 * check (here: never checked) stops the running application with exit code 1, where Camel alone
 * would log the failed bind and run on without HTTP.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EdakitMainTest {

    @TempDir
    Path dir;

    @Test
    void anHttpServerThatCannotListenStopsTheApplicationWithExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path file = TestApp.writeProperties(dir.resolve("app.properties"),
                    new ArtemisFixture().appSettings(dir.resolve("data")));
            String port = String.valueOf(taken.getLocalPort());
            Main main = EdakitRunner.prepare(LoadedConfig.fromFiles(List.of(file)),
                    Map.of("camel.server.port", port, "camel.management.port", port,
                            // the operator token is generated before the server fails to listen: here, not in ./data
                            "edakit.http.token-file", dir.resolve("data/http-token").toString()));
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try {
                    main.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            run.get(2, TimeUnit.MINUTES);
            assertThat(main.getExitCode()).isEqualTo(EdakitMain.START_FAILED);
            assertThat(main.getCamelContext() == null || main.getCamelContext().isStopped())
                    .as("stopped, not running on without HTTP").isTrue();
        }
    }
}
