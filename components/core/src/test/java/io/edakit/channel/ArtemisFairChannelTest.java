package io.edakit.channel;

import java.nio.file.Path;
import java.util.Properties;

import io.edakit.testing.PlainClient;
import io.edakit.testing.PlainJmsClient;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.artemis.ArtemisTransport;

/** Fair channels on the embedded Artemis broker: lanes are anycast queues. */
class ArtemisFairChannelTest extends FairChannelContractTest {

    @Override
    protected Properties transportProperties(Path dataDir) {
        Properties props = new Properties();
        props.setProperty("edakit.broker.port", "0");
        props.setProperty("edakit.broker.data-dir", dataDir.toString());
        props.setProperty("edakit.broker.user", "fair");
        props.setProperty("edakit.broker.password", "fair-secret");
        return props;
    }

    @Override
    protected PlainClient plainClient(ChannelTransport transport) {
        return new PlainJmsClient(((ArtemisTransport) transport).url(), "fair", "fair-secret");
    }
}
