package io.edakit.routes;

import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.TransportFixture;

/** Archive and replay on the embedded Artemis broker, with a plain JMS client on the other side. */
class ArtemisEventArchiveTemplateTest extends EventArchiveTemplateTest {

    @Override
    protected TransportFixture createTransport() {
        return new ArtemisFixture();
    }
}
