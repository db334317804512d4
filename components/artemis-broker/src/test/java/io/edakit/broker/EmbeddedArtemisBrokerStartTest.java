package io.edakit.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker refuses to run without its acceptor or on a journal another broker holds,
 * instead of running half-started (clients of its URL would reach whatever holds the port) or
 * waiting for the journal lock forever. (Another process holding the directory: {@code StartupFailuresIT}.)
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedArtemisBrokerStartTest {

    @TempDir
    Path dir;

    private static BrokerSettings settings(Path data, int port) {
        return new BrokerSettings("127.0.0.1", port, data, "edakit", "s3cret-for-test", 10);
    }

    @Test
    void aPortAnotherSocketHoldsStopsTheStartNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            EmbeddedArtemisBroker broker = new EmbeddedArtemisBroker(settings(dir.resolve("data"), taken.getLocalPort()));
            assertThatThrownBy(broker::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is in use by another process; stop it or "
                            + "choose another port with edakit.broker.port");
            assertThat(broker.isActive()).isFalse();
        }
    }

    @Test
    void aDataDirectoryARunningBrokerHoldsStopsTheStartAtOnce() throws Exception {
        Path data = dir.resolve("shared");
        try (EmbeddedArtemisBroker first = new EmbeddedArtemisBroker(settings(data, 0))) {
            first.start();
            EmbeddedArtemisBroker second = new EmbeddedArtemisBroker(settings(data, 0));
            long started = System.nanoTime();
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(data.toString()).hasMessageEndingWith("choose another directory with "
                            + "edakit.broker.data-dir");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
            assertThat(first.isActive()).as("the running broker is untouched").isTrue();
        }
        try (EmbeddedArtemisBroker after = new EmbeddedArtemisBroker(settings(data, 0))) {
            after.start();
            assertThat(after.isActive()).as("free again once the first stopped").isTrue();
        }
    }
}
