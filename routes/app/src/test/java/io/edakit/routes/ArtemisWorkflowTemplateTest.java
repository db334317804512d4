package io.edakit.routes;

import io.edakit.testing.ArtemisFixture;
import io.edakit.testing.TransportFixture;

/** The workflow template on the embedded Artemis broker. */
class ArtemisWorkflowTemplateTest extends WorkflowTemplateTest {

    @Override
    protected TransportFixture createTransport() {
        return new ArtemisFixture();
    }
}
