package io.edakit.routes.kamelets;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import io.edakit.testing.PlainJmsClient;
import org.apache.camel.main.Main;

/**
 * A Camel Main application on the embedded Artemis broker (on a free loopback port), as a user's
 * application with edakit-templates, camel-kamelet and camel-yaml-dsl runs; and a plain JMS client
 * of that broker, as another application on the channels' other side.
 */
public final class BrokerApp implements AutoCloseable {

    private static final String USER = "edakit";
    private static final String PASSWORD = "test-secret";

    public final Main main = new Main();
    private final int port;
    private PlainJmsClient jms;

    public BrokerApp(Path data, Map<String, String> properties) throws IOException {
        port = freePort();
        main.addOverrideProperty("camel.main.name", "kamelet-test");
        main.addOverrideProperty("edakit.broker.port", String.valueOf(port));
        main.addOverrideProperty("edakit.broker.data-dir", data.toString());
        main.addOverrideProperty("edakit.broker.user", USER);
        main.addOverrideProperty("edakit.broker.password", PASSWORD);
        // the stores of the saga, workflow and event-store Kamelets: H2 files beside the broker's journal
        for (String store : new String[] {"saga", "workflow", "event-store"}) {
            main.addOverrideProperty("edakit." + store + ".jdbc-url", "jdbc:h2:file:" + data.resolve(store).toAbsolutePath());
        }
        properties.forEach(main::addOverrideProperty);
    }

    public BrokerApp start() throws Exception {
        main.start();
        return this;
    }

    public PlainJmsClient jms() {
        if (jms == null) {
            jms = new PlainJmsClient("tcp://127.0.0.1:" + port, USER, PASSWORD);
        }
        return jms;
    }

    @Override
    public void close() {
        if (jms != null) {
            jms.close();
        }
        main.stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
