package io.edakit.channel;

import java.nio.file.Path;
import java.util.Properties;

import io.edakit.testing.PlainClient;
import io.edakit.testing.PlainJmsClient;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.artemis.ArtemisTransport;

/** The channel contract on the embedded Artemis broker (the default transport), one broker per test. */
class ArtemisChannelContractTest extends ChannelContractTest {

    private static final String USER = "contract";
    private static final String PASSWORD = "contract-secret";

    @Override
    protected Properties transportProperties(Path dataDir) {
        Properties props = new Properties();
        props.setProperty("edakit.broker.port", "0");
        props.setProperty("edakit.broker.data-dir", dataDir.toString());
        props.setProperty("edakit.broker.user", USER);
        props.setProperty("edakit.broker.password", PASSWORD);
        return props;
    }

    @Override
    protected PlainClient plainClient(ChannelTransport transport) {
        return new PlainJmsClient(((ArtemisTransport) transport).url(), USER, PASSWORD);
    }
}
