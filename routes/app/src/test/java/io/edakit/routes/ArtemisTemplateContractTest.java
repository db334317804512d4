package io.edakit.routes;

import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.TransportFixture;

/** The template contract on the embedded Artemis broker, reached through its network acceptor. */
class ArtemisTemplateContractTest extends TemplateContractTest {

    @Override
    protected TransportFixture createTransport() {
        return new ArtemisFixture();
    }
}
