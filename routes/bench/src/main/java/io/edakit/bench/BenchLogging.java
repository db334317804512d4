package io.edakit.bench;

/**
 * Keeps a benchmark's output readable: Camel, Artemis and edakit log only warnings, Kafka only
 * errors, while it runs (each run starts and stops a broker and a Camel context). Works when
 * Log4j 2 is the logging backend, as in the runnable jar; does nothing otherwise.
 */
final class BenchLogging {

    private static final String[] NOISY = {"org.apache.camel", "io.edakit", "org.apache.activemq"};
    /** The in-process Kafka broker warns about its own start and stop (empty metadata log, closed clients). */
    private static final String[] KAFKA = {"org.apache.kafka", "kafka", "state.change.logger", "org.apache.zookeeper"};

    private BenchLogging() {
    }

    static void quiet() {
        try {
            Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator");
            var setLevel = configurator.getMethod("setLevel", String.class, org.apache.logging.log4j.Level.class);
            for (String logger : NOISY) {
                setLevel.invoke(null, logger, org.apache.logging.log4j.Level.WARN);
            }
            for (String logger : KAFKA) {
                setLevel.invoke(null, logger, org.apache.logging.log4j.Level.ERROR);
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // another backend: leave it as configured
        }
    }
}
