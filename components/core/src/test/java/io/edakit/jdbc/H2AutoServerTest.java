package io.edakit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 server that AUTO_SERVER starts for other processes of this host (the CLI, a second
 * instance) is reachable on loopback only: a plain socket from another address of this machine is
 * refused, one to 127.0.0.1 connects.
 */
class H2AutoServerTest {

    @TempDir
    Path dir;

    @Test
    void theAutoServerListensOnLoopbackOnly() throws Exception {
        Optional<InetAddress> elsewhere = nonLoopbackAddress();
        Assumptions.assumeTrue(elsewhere.isPresent(), "this machine has no non-loopback address to call from");
        try (JdbcDatabase database = JdbcDatabase.open("the test database",
                "jdbc:h2:file:" + dir.resolve("db") + ";AUTO_SERVER=TRUE", "sa", "", 2,
                dialect -> List.of("CREATE TABLE IF NOT EXISTS t (id INT)"))) {
            Properties lock = new Properties();
            try (Reader reader = Files.newBufferedReader(dir.resolve("db.lock.db"))) {
                lock.load(reader);
            }
            String server = lock.getProperty("server");
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            try (Socket local = new Socket()) {
                local.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            }
            assertThatThrownBy(() -> {
                try (Socket remote = new Socket()) {
                    remote.connect(new InetSocketAddress(elsewhere.get(), port), 2_000);
                }
            }).isInstanceOf(IOException.class);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
