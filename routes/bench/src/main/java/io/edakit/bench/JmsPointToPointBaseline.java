package io.edakit.bench;

import java.util.ArrayList;
import java.util.List;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSConstants;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Plain JMS competing consumers: one session per consumer in INDIVIDUAL_ACKNOWLEDGE mode, whose
 * listener reads the body, runs the counting handler, then acknowledges that one message (in
 * Artemis: an individual acknowledgement plus a non-blocking commit of it, as edakit does).
 */
final class JmsPointToPointBaseline implements AutoCloseable {

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final List<Session> sessions = new ArrayList<>();

    JmsPointToPointBaseline(ActiveMQConnectionFactory factory, String channel, int consumers, HandledCounter counter)
            throws Exception {
        this.factory = factory;
        this.connection = factory.createConnection();
        for (int i = 0; i < consumers; i++) {
            Session session = connection.createSession(false, ActiveMQJMSConstants.INDIVIDUAL_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(ArtemisBenchTransport.receiveDestination(channel));
            consumer.setMessageListener(message -> handle(message, counter));
            sessions.add(session);
        }
        connection.start();
    }

    private static void handle(Message message, HandledCounter counter) {
        try {
            BytesMessage bytes = (BytesMessage) message;
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            counter.handled();
            message.acknowledge();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            // closing anyway
        }
        factory.close();
    }
}
