package io.edakit.routes;

import io.edakit.testing.KafkaFixture;
import io.edakit.testing.TransportFixture;

/** The saga template on the in-process Kafka broker. */
class KafkaSagaTemplateTest extends SagaTemplateTest {

    @Override
    protected TransportFixture createTransport() {
        return new KafkaFixture();
    }
}
