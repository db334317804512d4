package io.edakit.app.tracing;

import io.edakit.testing.KafkaFixture;
import io.edakit.testing.TransportFixture;

/** Tracing through the in-process Kafka broker. */
class KafkaTracingTest extends TracingTest {

    @Override
    protected TransportFixture createTransport() {
        return new KafkaFixture();
    }
}
