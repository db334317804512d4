package io.edakit.channel;

import java.nio.file.Path;
import java.util.Properties;

import io.edakit.testing.PlainClient;
import io.edakit.transport.ChannelTransport;

/** Fair channels on the embedded Artemis broker (as the channel contract has it): lanes are anycast queues. */
class ArtemisFairChannelTest extends FairChannelContractTest {

    private final ArtemisChannelContractTest artemis = new ArtemisChannelContractTest();

    @Override
    protected Properties transportProperties(Path dataDir) {
        return artemis.transportProperties(dataDir);
    }

    @Override
    protected PlainClient plainClient(ChannelTransport transport) {
        return artemis.plainClient(transport);
    }
}
