package io.edakit.app.startup;

import java.nio.file.Path;

import io.edakit.app.config.Listeners;
import io.edakit.broker.kafka.DevelopmentKafkaBroker;
import io.edakit.config.EdakitSettings;
import io.edakit.transport.kafka.KafkaSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Starts the development Kafka broker when the configuration asks for it
 * ({@code edakit.kafka.embedded=true}, no bootstrap servers, Kafka in use), before Camel configures
 * anything, so that every Kafka client the application creates (transport, idempotency store) finds
 * it; the clients connect to {@link KafkaSettings#embeddedBootstrapServers}. The broker is a service
 * of the Camel context, stopped after the components, so the transport's last sends and commits
 * reach it.
 */
public final class DevelopmentKafka extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        EdakitSettings settings = EdakitSettings.from(key -> camel.getPropertiesComponent().resolveProperty(key));
        if (!Listeners.usesKafka(settings) || !KafkaSettings.wantsEmbeddedBroker(settings)) {
            return;
        }
        Path directory = Path.of(settings.value(KafkaSettings.EMBEDDED_DATA_DIR));
        int port = Integer.parseInt(settings.value(KafkaSettings.EMBEDDED_PORT).trim());
        DevelopmentKafkaBroker broker = new DevelopmentKafkaBroker(directory, port);
        try {
            broker.start();
            camel.addService(new BrokerService(broker), true, false);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the development Kafka broker did not start: " + e.getMessage(), e);
        }
    }

    /** The running broker as a Camel service: stopped with the context, after its components. */
    private static final class BrokerService extends ServiceSupport {
        private final DevelopmentKafkaBroker broker;

        BrokerService(DevelopmentKafkaBroker broker) {
            this.broker = broker;
        }

        @Override
        protected void doStop() {
            broker.close();
        }
    }
}
