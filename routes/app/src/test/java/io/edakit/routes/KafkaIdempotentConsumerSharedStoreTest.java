package io.edakit.routes;

import java.util.Map;

import io.edakit.testing.KafkaFixture;
import io.edakit.testing.TransportFixture;

/**
 * The shared-store test on Kafka with the Kafka idempotency store: duplicates land on any
 * partition, hence on either instance, and the store's topic decides which claim wins.
 */
class KafkaIdempotentConsumerSharedStoreTest extends IdempotentConsumerSharedStoreTest {

    @Override
    protected TransportFixture transport() {
        return new KafkaFixture();
    }

    @Override
    protected Map<String, String> storeSettings() {
        return Map.of("edakit.idempotency.store", "kafka");
    }
}
