package io.edakit.bench;

import java.util.concurrent.atomic.LongAdder;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * What a Camel user would write instead of the request-reply and responder templates on Artemis:
 * a route {@code direct: -> jms:...?exchangePattern=InOut} with an exclusive, fixed reply queue
 * (Camel's fastest reply mode; a temporary queue is about twice as slow here) and a camel-jms
 * responder route echoing the body; both non-persistent. The requester sends through Spring's
 * {@link CachingConnectionFactory}, as a Camel user must (a JmsTemplate without one opens a
 * connection per send); the responder's listener container holds its own connection.
 */
final class CamelJmsRequestReply implements BenchTransport.RequestReplyBaseline {

    private static final String REQUEST_SOURCE = "direct:bench-camel-request";

    private final ActiveMQConnectionFactory factory;
    private final CachingConnectionFactory caching;
    private final CamelContext context = new DefaultCamelContext();
    private final LongAdder answered = new LongAdder();
    private final ProducerTemplate producer;

    CamelJmsRequestReply(ActiveMQConnectionFactory factory, String channel, String replyQueue, int consumers)
            throws Exception {
        this.factory = factory;
        this.caching = new CachingConnectionFactory(factory);
        caching.setSessionCacheSize(16);
        context.addComponent("jms", JmsComponent.jmsComponent(factory));
        context.addComponent("jms-requester", JmsComponent.jmsComponent(caching));
        String queue = channel + "::" + channel;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + queue + "?concurrentConsumers=" + consumers
                        + "&acknowledgementModeName=CLIENT_ACKNOWLEDGE&explicitQosEnabled=true"
                        + "&replyToDeliveryPersistent=false")
                        .routeId("bench-camel-jms-responder")
                        .process(exchange -> answered.increment());
                from(REQUEST_SOURCE).routeId("bench-camel-jms-requester")
                        // to the channel's MULTICAST address, as the raw requester sends
                        .to("jms-requester:topic:" + channel + "?exchangePattern=InOut&replyTo=" + replyQueue
                                + "&replyToType=Exclusive&explicitQosEnabled=true&deliveryPersistent=false"
                                + "&requestTimeout=30000");
            }
        });
        context.start();
        producer = context.createProducerTemplate();
    }

    static String describe() {
        return "camel: route direct: -> camel-jms InOut (exclusive reply queue, non-persistent, through Spring's "
                + "CachingConnectionFactory) and a camel-jms responder route echoing the body (CLIENT_ACKNOWLEDGE, "
                + "non-persistent replies); own Camel context, no metrics";
    }

    @Override
    public BenchTransport.Caller newCaller() {
        return payload -> producer.requestBody(REQUEST_SOURCE, payload, byte[].class);
    }

    @Override
    public long answered() {
        return answered.sum();
    }

    @Override
    public void close() {
        try {
            producer.close();
        } catch (Exception e) {
            // closing anyway
        }
        try {
            context.close(); // the routes first, while their connection factories are still open
        } catch (Exception e) {
            // closing anyway
        }
        caching.destroy();
        factory.close();
    }
}
