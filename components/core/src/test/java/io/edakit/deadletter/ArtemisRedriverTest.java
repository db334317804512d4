package io.edakit.deadletter;

import java.nio.file.Path;
import java.util.Properties;

/** Redrive on the embedded Artemis broker. */
class ArtemisRedriverTest extends RedriverContractTest {

    @Override
    protected Properties transportProperties(Path dataDir) {
        Properties properties = new Properties();
        properties.setProperty("edakit.broker.port", "0");
        properties.setProperty("edakit.broker.data-dir", dataDir.toString());
        return properties;
    }
}
