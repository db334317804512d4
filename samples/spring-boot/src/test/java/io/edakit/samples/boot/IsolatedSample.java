package io.edakit.samples.boot;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/** What keeps one test's sample application off another's: its own broker port, journal and database. */
final class IsolatedSample {

    private IsolatedSample() {
    }

    /** A free broker port, a fresh folder for the journal and the H2 database, and the operator token. */
    static void register(DynamicPropertyRegistry registry, String folderPrefix, String token) throws IOException {
        Path data = Files.createTempDirectory(folderPrefix);
        int brokerPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            brokerPort = socket.getLocalPort();
        }
        registry.add("edakit.broker.port", () -> brokerPort);
        registry.add("edakit.broker.data-dir", () -> data.resolve("artemis").toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + data.resolve("orders").toAbsolutePath());
        registry.add("edakit.http.token", () -> token);
    }
}
