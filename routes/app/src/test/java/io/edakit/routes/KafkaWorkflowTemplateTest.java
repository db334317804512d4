package io.edakit.routes;

import io.edakit.testing.KafkaFixture;
import io.edakit.testing.TransportFixture;

/** The workflow template on the in-process Kafka broker. */
class KafkaWorkflowTemplateTest extends WorkflowTemplateTest {

    @Override
    protected TransportFixture createTransport() {
        return new KafkaFixture();
    }
}
