package io.edakit.channel;

import java.nio.file.Path;
import java.util.Properties;

import io.edakit.testing.PlainClient;
import io.edakit.transport.ChannelTransport;

/** Fair channels on the test JVM's shared in-process Kafka broker (as the channel contract has it): lanes are topics. */
class KafkaFairChannelTest extends FairChannelContractTest {

    private final KafkaChannelContractTest kafka = new KafkaChannelContractTest();

    @Override
    protected Properties transportProperties(Path dataDir) {
        return kafka.transportProperties(dataDir);
    }

    @Override
    protected PlainClient plainClient(ChannelTransport transport) {
        return kafka.plainClient(transport);
    }
}
