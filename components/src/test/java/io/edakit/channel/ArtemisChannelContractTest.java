package io.edakit.channel;

import java.nio.file.Path;
import java.util.Properties;

/** The channel contract on the embedded Artemis broker (the default transport), one broker per test. */
class ArtemisChannelContractTest extends ChannelContractTest {

    @Override
    protected Properties transportProperties(Path dataDir) {
        Properties props = new Properties();
        props.setProperty("edakit.broker.port", "0");
        props.setProperty("edakit.broker.data-dir", dataDir.toString());
        return props;
    }
}
