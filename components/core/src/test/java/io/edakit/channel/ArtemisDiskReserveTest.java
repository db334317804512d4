package io.edakit.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.edakit.testing.PlainClient;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.TransportHealth;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker below its disk reserve ({@code edakit.broker.min-disk-free-mb}): a plain JMS
 * client's send waits instead of being taken, and the transport's health is down saying why, so an
 * operator sees it before the senders' timeouts do. The reserve is set above the free space this
 * disk has, which is how a full disk looks to the broker.
 */
class ArtemisDiskReserveTest {

    @TempDir
    Path dataDir;

    private final ArtemisChannelContractTest artemis = new ArtemisChannelContractTest();
    private DefaultCamelContext context;

    private void start(String channel, List<String> received, Long reserveMebibytes) throws Exception {
        Properties props = artemis.transportProperties(dataDir);
        if (reserveMebibytes != null) {
            props.setProperty("edakit.broker.min-disk-free-mb", Long.toString(reserveMebibytes));
        }
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(props);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("channel:" + channel).process(e -> received.add(e.getMessage().getBody(String.class)));
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private ChannelTransport transport() {
        return context.getComponent("channel", ChannelComponent.class).transport();
    }

    @Test
    void belowTheReserveAPlainSendWaitsAndTheHealthSaysWhy() throws Exception {
        long freeMebibytes = Files.getFileStore(dataDir).getUsableSpace() / (1024 * 1024);
        List<String> received = new CopyOnWriteArrayList<>();
        start("disk-full", received, freeMebibytes + 1_000_000);
        await().atMost(Duration.ofSeconds(15)).until(() -> !transport().health().up());
        TransportHealth health = transport().health();
        assertThat(health.detail()).startsWith("the embedded broker blocks producers: ")
                .contains("MiB free on the disk of " + dataDir.toAbsolutePath())
                .contains("edakit.broker.min-disk-free-mb=" + (freeMebibytes + 1_000_000));
        PlainClient plain = artemis.plainClient(transport());
        try {
            CompletableFuture<Void> send = CompletableFuture.runAsync(() -> plain.sendText("disk-full", "waits",
                    Map.of(), null));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                    .until(() -> !send.isDone() && received.isEmpty());
        } finally {
            plain.close(); // ends the waiting send
        }
    }

    @Test
    void theDefaultReserveTakesSendsAndStaysHealthy() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        start("disk-ok", received, null);
        try (PlainClient plain = artemis.plainClient(transport())) {
            plain.sendText("disk-ok", "taken", Map.of(), null);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> received.contains("taken"));
        // the broker looks at its disk every second: two looks later it still takes sends
        await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(4)).until(() -> transport().health().up());
    }
}
