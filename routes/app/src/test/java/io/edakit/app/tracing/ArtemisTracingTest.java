package io.edakit.app.tracing;

import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.TransportFixture;

/** Tracing through the embedded Artemis broker. */
class ArtemisTracingTest extends TracingTest {

    @Override
    protected TransportFixture createTransport() {
        return new ArtemisFixture();
    }
}
