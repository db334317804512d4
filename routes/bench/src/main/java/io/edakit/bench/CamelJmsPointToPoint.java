package io.edakit.bench;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * What a Camel user would write instead of the point-to-point template on Artemis: a camel-jms
 * route (Spring's DefaultMessageListenerContainer, {@code concurrentConsumers} sessions) on the
 * channel's durable queue, in CLIENT_ACKNOWLEDGE mode, so each message is acknowledged only after
 * the route processed it; the processor reads the body and counts, as the raw listener does. Its
 * own Camel context without metrics (a plain route has none unless the user adds them), on a
 * connection factory with edakit's client settings.
 */
final class CamelJmsPointToPoint implements AutoCloseable {

    private final ActiveMQConnectionFactory factory;
    private final CamelContext context = new DefaultCamelContext();

    CamelJmsPointToPoint(ActiveMQConnectionFactory factory, String channel, int consumers, HandledCounter counter)
            throws Exception {
        this.factory = factory;
        context.addComponent("jms", JmsComponent.jmsComponent(factory));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + channel + "::" + channel + "?acknowledgementModeName=CLIENT_ACKNOWLEDGE"
                        + "&concurrentConsumers=" + consumers)
                        .routeId("bench-camel-jms")
                        .process(exchange -> {
                            if (exchange.getMessage().getBody(byte[].class) != null) {
                                counter.handled();
                            }
                        });
            }
        });
        context.start();
    }

    static String describe() {
        return "camel: camel-jms route from the channel's durable queue (CLIENT_ACKNOWLEDGE, concurrentConsumers = "
                + "--consumers; Spring's listener container acknowledges after the route), processor reads the "
                + "body and counts; own Camel context, no metrics";
    }

    @Override
    public void close() throws Exception {
        context.close(); // the route first, while its connection factory is still open
        factory.close();
    }
}
