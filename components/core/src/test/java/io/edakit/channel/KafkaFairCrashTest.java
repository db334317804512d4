package io.edakit.channel;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import io.edakit.broker.kafka.SharedKafkaBroker;
import io.edakit.fairness.FairReceiver;
import io.edakit.testing.PlainClient;
import io.edakit.transport.ChannelTransport;
import io.edakit.transport.kafka.KafkaReceiver;

/**
 * Fair channel crash on Kafka: the test JVM's shared in-process KRaft broker, the consumers in
 * children. A killed member's lane partitions move to the survivor when its session ends: the
 * children's session is Kafka's minimum of 6 s instead of edakit's 10 s, to keep the test short.
 */
class KafkaFairCrashTest extends FairCrashContractTest {

    private final KafkaChannelContractTest kafka = new KafkaChannelContractTest();

    @Override
    protected Properties transportProperties(Path dataDir) {
        return kafka.transportProperties(dataDir);
    }

    @Override
    protected Map<String, String> childSettings(ChannelTransport transport, int child) {
        return Map.of("edakit.transport", "kafka",
                "edakit.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers(),
                "edakit.instance-id", "fair-crash-" + child + "-" + System.nanoTime(),
                "edakit.kafka.properties.heartbeat.interval.ms", "300",
                "edakit.kafka.properties.session.timeout.ms", "6000");
    }

    @Override
    protected PlainClient plainClient(ChannelTransport transport) {
        return kafka.plainClient(transport);
    }

    @Override
    protected int maxUncommitted() {
        return FairReceiver.laneWindow(2) + KafkaReceiver.MAX_UNCOMMITTED;
    }
}
