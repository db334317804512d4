package io.edakit.broker.kafka;

/**
 * The one in-process Kafka broker of a test JVM, started by the first test class that asks for it
 * and stopped when the JVM exits. Starting a KRaft node takes 2-3 s, so test classes share it;
 * they keep apart by using channel (topic) names of their own, since topics outlive a test.
 */
public final class SharedKafkaBroker {

    private static EmbeddedKafkaBroker broker;

    private SharedKafkaBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaBroker starting = new EmbeddedKafkaBroker();
            try {
                starting.start();
            } catch (Exception e) {
                throw new IllegalStateException("the shared test Kafka broker did not start", e);
            }
            broker = starting;
            Runtime.getRuntime().addShutdownHook(new Thread(SharedKafkaBroker::stop, "stop-shared-kafka-broker"));
        }
        return broker.bootstrapServers();
    }

    private static synchronized void stop() {
        try {
            broker.close();
        } catch (Exception e) {
            System.err.println("Stopping the shared test Kafka broker failed: " + e);
        }
    }
}
