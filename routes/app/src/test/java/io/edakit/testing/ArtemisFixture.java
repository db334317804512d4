package io.edakit.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * The default transport: the application under test embeds the Artemis broker on a free port;
 * clients connect to it through its network acceptor, like another process would.
 */
public final class ArtemisFixture implements TransportFixture {

    private static final String USER = "edakit";
    private static final String PASSWORD = "test-secret";

    private final int port = FreePorts.next();

    @Override
    public String name() {
        return "artemis";
    }

    @Override
    public Map<String, String> appSettings(Path dataDir) {
        return Map.of(
                "edakit.broker.port", String.valueOf(port),
                "edakit.broker.data-dir", dataDir.toString(),
                "edakit.broker.user", USER,
                "edakit.broker.password", PASSWORD);
    }

    @Override
    public Map<String, String> clientSettings() {
        return Map.of(
                "edakit.broker.url", url(),
                "edakit.broker.user", USER,
                "edakit.broker.password", PASSWORD);
    }

    @Override
    public PlainClient plainClient() {
        return new PlainJmsClient(url(), USER, PASSWORD);
    }

    private String url() {
        return "tcp://127.0.0.1:" + port;
    }
}
