package io.edakit.routes;

import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.TransportFixture;

/** The saga template on the embedded Artemis broker. */
class ArtemisSagaTemplateTest extends SagaTemplateTest {

    @Override
    protected TransportFixture createTransport() {
        return new ArtemisFixture();
    }
}
