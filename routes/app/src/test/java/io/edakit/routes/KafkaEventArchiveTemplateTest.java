package io.edakit.routes;

import io.edakit.testing.KafkaFixture;
import io.edakit.testing.TransportFixture;

/** Archive and replay on the in-process KRaft broker, with plain kafka-clients on the other side. */
class KafkaEventArchiveTemplateTest extends EventArchiveTemplateTest {

    @Override
    protected TransportFixture createTransport() {
        return new KafkaFixture();
    }
}
