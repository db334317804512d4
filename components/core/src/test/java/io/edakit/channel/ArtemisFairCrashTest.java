package io.edakit.channel;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import io.edakit.fairness.FairReceiver;
import io.edakit.testing.PlainClient;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.artemis.ArtemisTransport;

/** Fair channel crash on Artemis: the embedded broker (netty on 127.0.0.1) in this JVM, the consumers in children. */
class ArtemisFairCrashTest extends FairCrashContractTest {

    private final ArtemisChannelContractTest artemis = new ArtemisChannelContractTest();

    @Override
    protected Properties transportProperties(Path dataDir) {
        return artemis.transportProperties(dataDir);
    }

    @Override
    protected Map<String, String> childSettings(ChannelTransport transport, int child) {
        Properties mine = artemis.transportProperties(Path.of("unused"));
        // the broker hands a killed child's unacknowledged messages on once its connection TTL runs out:
        // 6 s instead of edakit's 15 s, pinged every 2 s (the same ratio), to keep the test short
        return Map.of("edakit.broker.url",
                ((ArtemisTransport) transport).url() + "?connectionTTL=6000&clientFailureCheckPeriod=2000",
                "edakit.broker.user", mine.getProperty("edakit.broker.user"),
                "edakit.broker.password", mine.getProperty("edakit.broker.password"));
    }

    @Override
    protected PlainClient plainClient(ChannelTransport transport) {
        return artemis.plainClient(transport);
    }

    @Override
    protected int maxUncommitted() {
        return FairReceiver.laneWindow(2) + ArtemisTransport.MAX_UNCOMMITTED;
    }
}
