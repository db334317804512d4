package io.edakit.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A plain JMS consumer (the Artemis JMS client, no edakit and no Camel code) of the durable queue
 * behind a point-to-point channel, to see what edakit actually put on the broker: properties as
 * JMS reads them and the body. It consumes what it reads; {@link #browse} only looks. Use either
 * only once the channel's queue exists (after the first send), so that the JMS client does not
 * create a queue of its own.
 */
public final class JmsQueueReader implements AutoCloseable {

    /** One message as a JMS client sees it. */
    public record Received(Map<String, Object> properties, String body) {

        public Object property(String name) {
            return properties.get(name);
        }
    }

    private final Connection connection;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    /** Reads channel {@code channel} (its queue, addressed as {@code channel::channel}) of the broker at {@code url}. */
    public JmsQueueReader(String url, String user, String password, String channel) throws JMSException {
        connection = new ActiveMQConnectionFactory(url, user, password).createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(channel + "::" + channel));
        consumer.setMessageListener(message -> received.add(read(message)));
        connection.start();
    }

    /** What waits in the channel's queue now, read with a JMS queue browser: nothing is consumed. */
    public static List<Received> browse(String url, String user, String password, String channel) throws JMSException {
        try (Connection connection = new ActiveMQConnectionFactory(url, user, password).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            List<Received> waiting = new ArrayList<>();
            Enumeration<?> messages = session.createBrowser(session.createQueue(channel + "::" + channel)).getEnumeration();
            while (messages.hasMoreElements()) {
                waiting.add(read((Message) messages.nextElement()));
            }
            return waiting;
        }
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private static Received read(Message message) {
        try {
            Map<String, Object> properties = new TreeMap<>();
            for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
                String name = (String) names.nextElement();
                properties.put(name, message.getObjectProperty(name));
            }
            String body;
            if (message instanceof TextMessage text) {
                body = text.getText();
            } else if (message instanceof BytesMessage bytes) {
                byte[] content = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(content);
                body = new String(content, java.nio.charset.StandardCharsets.UTF_8);
            } else {
                body = String.valueOf(message.getBody(Object.class));
            }
            return new Received(properties, body);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
