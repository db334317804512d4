package io.edakit.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;

/**
 * The Artemis JMS client (artemis-jakarta-client) as an outside application uses a channel: it
 * sends to the JMS topic named like the channel (a channel is a multicast address) and reads a
 * channel's point-to-point queue by its fully qualified name {@code channel::channel}. The
 * queues of an address are listed with the Artemis core client, which JMS has no call for.
 */
public final class PlainJmsClient implements PlainClient {

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final String user;
    private final String password;

    public PlainJmsClient(String url, String user, String password) {
        this.user = user;
        this.password = password;
        try {
            factory = new ActiveMQConnectionFactory(url, user, password);
            connection = factory.createConnection();
            connection.start();
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(null);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot connect a JMS client to " + url, e);
        }
    }

    public Session session() {
        return session;
    }

    public ActiveMQConnectionFactory factory() {
        return factory;
    }

    @Override
    public synchronized void sendText(String channel, String text, Map<String, String> headers, String key) {
        try {
            send(channel, session.createTextMessage(text), headers, key);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void sendBytes(String channel, byte[] body, Map<String, String> headers, String key) {
        try {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);
            send(channel, message, headers, key);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code message} to the channel's topic with {@code headers} as string properties and the key as message group. */
    public synchronized void send(String channel, Message message, Map<String, String> headers, String key) throws JMSException {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            message.setStringProperty(header.getKey(), header.getValue());
        }
        if (key != null) {
            message.setStringProperty("JMSXGroupID", key);
        }
        producer.send(session.createTopic(channel), message);
    }

    @Override
    public List<PlainMessage> take(String channel, int count, Duration timeout) {
        String queue = channel + "::" + channel;
        // a JMS consumer of a missing queue would create it as an anycast queue, which multicast sends never reach
        Awaitility.await().atMost(timeout).until(() -> receivers(channel).contains(channel));
        List<PlainMessage> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Session reader = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = reader.createConsumer(reader.createQueue(queue))) {
            while (taken.size() < count && System.nanoTime() < deadline) {
                Message message = consumer.receive(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (message != null) {
                    taken.add(read(message));
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        return taken;
    }

    /** A received JMS message as its body and string properties, named as the JMS API names them. */
    public static PlainMessage read(Message message) throws JMSException {
        byte[] body;
        if (message instanceof TextMessage text) {
            body = text.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else if (message instanceof BytesMessage bytes) {
            body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
        } else {
            throw new IllegalStateException("unexpected JMS message type " + message.getClass().getName());
        }
        Map<String, String> properties = new HashMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
            Object value = message.getObjectProperty(name.toString());
            if (value != null) {
                properties.put(name.toString(), value.toString());
            }
        }
        Queue replyTo = (Queue) message.getJMSReplyTo();
        return new PlainMessage(body, properties, message.getStringProperty("JMSXGroupID"),
                message.getJMSCorrelationID(), replyTo == null ? null : replyTo.getQueueName());
    }

    @Override
    public PlainMessage request(String channel, String text, Duration timeout) {
        try (Session requester = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = requester.createTemporaryQueue();
            TextMessage request = requester.createTextMessage(text);
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID(UUID.randomUUID().toString());
            MessageConsumer consumer = requester.createConsumer(replies);
            requester.createProducer(requester.createTopic(channel)).send(request);
            Message reply = consumer.receive(timeout.toMillis());
            if (reply != null && !request.getJMSCorrelationID().equals(reply.getJMSCorrelationID())) {
                throw new IllegalStateException("reply correlates with " + reply.getJMSCorrelationID()
                        + ", not with the request's " + request.getJMSCorrelationID());
            }
            return reply == null ? null : read(reply);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void reply(PlainMessage request, String body) {
        try {
            TextMessage reply = session.createTextMessage(body);
            reply.setJMSCorrelationID(request.correlationId());
            producer.send(session.createQueue(request.replyTo()), reply);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Set<String> receivers(String channel) {
        try (ClientSessionFactory sessions = factory.getServerLocator().createSessionFactory();
             ClientSession core = sessions.createSession(user, password, false, true, true, false, 0)) {
            var query = core.addressQuery(SimpleString.of(channel));
            Set<String> queues = new HashSet<>();
            query.getQueueNames().forEach(name -> queues.add(name.toString()));
            return queues;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String dataContentTypeHeader() {
        return "ce_datacontenttype";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (JMSException ignored) {
            // closing anyway
        }
        factory.close();
    }
}
