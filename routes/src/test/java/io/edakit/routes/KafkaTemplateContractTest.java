package io.edakit.routes;

import io.edakit.testing.KafkaFixture;
import io.edakit.testing.TransportFixture;

/** The template contract on Kafka, unchanged: same templates, parameters and expectations. */
class KafkaTemplateContractTest extends TemplateContractTest {

    @Override
    protected TransportFixture createTransport() {
        return new KafkaFixture();
    }
}
