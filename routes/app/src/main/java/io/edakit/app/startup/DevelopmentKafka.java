package io.edakit.app.startup;


import io.edakit.app.config.Listeners;
import io.edakit.broker.kafka.DevelopmentKafkaBroker;
import io.edakit.config.Settings;
import io.edakit.idempotency.IdempotencySettings;
import io.edakit.transport.TransportSettings;
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
        Settings settings = Settings.of(camel);
        boolean usesKafka = settings.get(TransportSettings.GROUP).usesKafka()
                || settings.get(IdempotencySettings.GROUP).store() == IdempotencySettings.Store.KAFKA;
        if (!usesKafka || !KafkaSettings.wantsEmbeddedBroker(settings.source())) {
            return;
        }
        KafkaSettings kafka = settings.get(KafkaSettings.GROUP);
        DevelopmentKafkaBroker broker = new DevelopmentKafkaBroker(kafka.embeddedDataDir(), kafka.embeddedPort());
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
