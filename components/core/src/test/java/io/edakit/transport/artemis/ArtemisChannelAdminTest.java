package io.edakit.transport.artemis;

import java.nio.file.Path;
import java.util.Properties;

import io.edakit.transport.ChannelAdminContractTest;

/** Dead-letter operations on the embedded Artemis broker. */
class ArtemisChannelAdminTest extends ChannelAdminContractTest {

    @Override
    protected Properties transportProperties(Path dataDir) {
        Properties properties = new Properties();
        properties.setProperty("edakit.broker.port", "0");
        properties.setProperty("edakit.broker.data-dir", dataDir.toString());
        return properties;
    }
}
