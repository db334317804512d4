package io.edakit.app.metrics;

import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.TransportFixture;

/** The operational metrics on the embedded Artemis broker. */
class ArtemisOperationalMetricsTest extends OperationalMetricsTest {

    @Override
    protected TransportFixture createTransport() {
        return new ArtemisFixture();
    }
}
